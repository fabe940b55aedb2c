namespace OpenLer.Server.Features.Messaging;

/// <summary>
/// What a message is about. Each kind has one template in <see cref="MessageTemplates"/> (subject, e-mail body, SMS body and
/// the values it needs); a new kind is a new member here plus its line in that table and its strings in every language.
/// Stored by name, so members may be added in any order (never rename one that may be queued).
/// </summary>
public enum MessageKind
{
    /// <summary>A jobseeker's one-time sign-in code (useful 10 minutes).</summary>
    SignInCode,

    /// <summary>Tells a person that a caseworker printed a sign-in letter for them (the code itself stays on paper).</summary>
    PrintedLetterReminder,

    /// <summary>An organization asks to link to the person's existing account; the code is entered by the person only.</summary>
    OrganizationInvitationCode,

    /// <summary>An organization issued the person a credential.</summary>
    CredentialIssued,

    /// <summary>An employer opened one of the person's share links for the first time.</summary>
    ShareOpenedFirstTime,

    /// <summary>An employer's one-time sign-in code (useful 10 minutes).</summary>
    EmployerSignInCode,

    /// <summary>An organization invited a hiring manager to work together on OpenLER (no code: they sign in with their e-mail).</summary>
    EmployerInvitation,
    /// <summary>The transaction code that adds a credential to another wallet app (useful while the offer lasts).</summary>
    WalletOfferCode,
}
