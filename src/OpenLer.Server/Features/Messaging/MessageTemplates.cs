using System.Collections.Frozen;

namespace OpenLer.Server.Features.Messaging;

/// <summary>
/// Every message the app sends: plain, short, localized. Texts are catalog keys, translated in every language's strings
/// file; SMS bodies stay short (a 70-character segment holds Arabic text, 160 Latin).
/// </summary>
public static class MessageTemplates
{
    private const string IgnoreIfNotAsked = "If you did not ask for a code, you can ignore this message.";

    public static IReadOnlyList<MessageTemplate> All { get; } =
    [
        new(MessageKind.SignInCode,
            "Your OpenLER sign-in code",
            ["Your sign-in code is {0}. It works for 10 minutes.", IgnoreIfNotAsked],
            "OpenLER code: {0}. It works for 10 minutes. Do not share it.",
            [MessageValues.Code]),
        new(MessageKind.EmployerSignInCode,
            "Your OpenLER employer sign-in code",
            ["Your employer sign-in code is {0}. It works for 10 minutes.", IgnoreIfNotAsked],
            "OpenLER employer code: {0}. It works for 10 minutes.",
            [MessageValues.Code]),
        new(MessageKind.EmployerInvitation,
            "{0} invites you to OpenLER",
            ["{0} invites you to post jobs on OpenLER and to see the verified skills of the people who apply.", "Sign in at {1} with this e-mail address: we will send you a code. If you do not know {0}, ignore this message."],
            "{0} invites you to post jobs on OpenLER: {1}",
            [MessageValues.Organization, MessageValues.Link]),
        new(MessageKind.WalletOfferCode,
            "Your code to add a credential to a wallet app",
            ["Type this code in your wallet app to add your credential: {0}. It works for 15 minutes.", "If you did not ask to add a credential to a wallet app, you can ignore this message."],
            "OpenLER wallet code: {0}. Type it in your wallet app. It works for 15 minutes.",
            [MessageValues.Code]),
        new(MessageKind.OrganizationInvitationCode,
            "{0} asks to connect with you on OpenLER",
            ["{0} asked to add you to their clients on OpenLER.", "If you agree, sign in at {2} and enter this code: {1}", "Do not give this code to anyone, not even staff. If you do not know {0}, ignore this message."],
            "{0} asks to connect on OpenLER. To agree, enter code {1} at {2}. Do not share it.",
            [MessageValues.Organization, MessageValues.Code, MessageValues.Link]),
        new(MessageKind.PrintedLetterReminder,
            "A sign-in letter was printed for you",
            ["{0} printed a sign-in letter for your OpenLER account.", "Use the code on the letter at {1}. If you did not get a letter, tell {0}."],
            "{0} printed an OpenLER sign-in letter for you. If you did not get it, tell {0}.",
            [MessageValues.Organization, MessageValues.Link]),
        new(MessageKind.CredentialIssued,
            "You have a new credential: {1}",
            ["{0} issued you a credential: {1}.", "See it and share it from your wallet: {2}"],
            "{0} issued you a credential: {1}. See it at {2}",
            [MessageValues.Organization, MessageValues.Credential, MessageValues.Link]),
        new(MessageKind.ShareOpenedFirstTime,
            "Someone opened your shared credentials",
            ["Someone opened your share link \"{0}\" for the first time.", "See your links or stop sharing: {1}"],
            "Your OpenLER share link \"{0}\" was opened for the first time. {1}",
            [MessageValues.Label, MessageValues.Link]),
    ];

    private static readonly FrozenDictionary<MessageKind, MessageTemplate> ByKind = All.ToFrozenDictionary(t => t.Kind);

    /// <summary>The template of a kind; every member of <see cref="MessageKind"/> has one (a test checks).</summary>
    public static MessageTemplate For(MessageKind kind) =>
        ByKind.TryGetValue(kind, out var template) ? template : throw new ArgumentOutOfRangeException(nameof(kind), kind, "No template for this message kind.");

    /// <summary>Every catalog key the templates use (for the translation test).</summary>
    public static IEnumerable<string> Keys => All.SelectMany(t => t.Paragraphs.Prepend(t.Subject).Append(t.Sms)).Distinct(StringComparer.Ordinal);
}
