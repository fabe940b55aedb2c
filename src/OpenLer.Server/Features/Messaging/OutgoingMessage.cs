namespace OpenLer.Server.Features.Messaging;

/// <summary>
/// A message to send: to whom (<see cref="Contact"/>: a normalized e-mail address, or a phone number in E.164 such as
/// +15205550142), in which language (a code such as en, es, ar; an unknown one falls back to English), what about
/// (<see cref="Kind"/>), the values its template needs, and how long it is useful (<see cref="ValidFor"/>: never delivered
/// later). Build one with the factory for its kind.
/// </summary>
public sealed record OutgoingMessage(string Contact, string Language, MessageKind Kind, IReadOnlyDictionary<string, string> Values, TimeSpan ValidFor)
{
    /// <summary>A one-time code is worthless after this.</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);

    /// <summary>How long a notification (credential issued, share opened) is worth sending.</summary>
    public static readonly TimeSpan NotificationLifetime = TimeSpan.FromDays(2);

    public static OutgoingMessage SignInCode(string contact, string language, string code) =>
        new(contact, language, MessageKind.SignInCode, new Dictionary<string, string> { [MessageValues.Code] = code }, CodeLifetime);

    public static OutgoingMessage EmployerSignInCode(string contact, string language, string code) =>
        new(contact, language, MessageKind.EmployerSignInCode, new Dictionary<string, string> { [MessageValues.Code] = code }, CodeLifetime);

    /// <summary>An organization invites a hiring manager: they sign in at <paramref name="link"/> with this e-mail address.</summary>
    public static OutgoingMessage EmployerInvitation(string contact, string language, string organization, string link) =>
        new(contact, language, MessageKind.EmployerInvitation, new Dictionary<string, string>
        {
            [MessageValues.Organization] = organization,
            [MessageValues.Link] = link,
        }, TimeSpan.FromDays(14));

    /// <summary>An organization's request to link to the person's account: the person enters <paramref name="code"/> at <paramref name="link"/>.</summary>
    public static OutgoingMessage OrganizationInvitationCode(string contact, string language, string organization, string code, string link, TimeSpan validFor) =>
        new(contact, language, MessageKind.OrganizationInvitationCode, new Dictionary<string, string>
        {
            [MessageValues.Organization] = organization,
            [MessageValues.Code] = code,
            [MessageValues.Link] = link,
        }, validFor);

    /// <summary>Tells the person that a sign-in letter was printed for them (the letter's code is not in the message).</summary>
    public static OutgoingMessage PrintedLetterReminder(string contact, string language, string organization, string link, TimeSpan validFor) =>
        new(contact, language, MessageKind.PrintedLetterReminder, new Dictionary<string, string>
        {
            [MessageValues.Organization] = organization,
            [MessageValues.Link] = link,
        }, validFor);

    public static OutgoingMessage CredentialIssued(string contact, string language, string organization, string credential, string link) =>
        new(contact, language, MessageKind.CredentialIssued, new Dictionary<string, string>
        {
            [MessageValues.Organization] = organization,
            [MessageValues.Credential] = credential,
            [MessageValues.Link] = link,
        }, NotificationLifetime);

    public static OutgoingMessage ShareOpenedFirstTime(string contact, string language, string label, string link) =>
        new(contact, language, MessageKind.ShareOpenedFirstTime, new Dictionary<string, string>
        {
            [MessageValues.Label] = label,
            [MessageValues.Link] = link,
        }, NotificationLifetime);

    /// <summary>The transaction code of an offer to another wallet (OpenID4VCI tx_code), sent on the person's own channel.</summary>
    public static OutgoingMessage WalletOfferCode(string contact, string language, string code, TimeSpan validFor) =>
        new(contact, language, MessageKind.WalletOfferCode, new Dictionary<string, string> { [MessageValues.Code] = code }, validFor);

    /// <summary>Never prints the contact or the values (they hold codes and personal data).</summary>
    public override string ToString() => $"OutgoingMessage {{ Kind = {Kind}, Language = {Language}, ValidFor = {ValidFor} }}";
}
