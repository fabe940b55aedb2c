using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Guides;

/// <summary>
/// The staff guides (issue 15, "Guides"): add a client, enroll, complete, issue, help a client open their wallet and share,
/// revoke, record work authorization. Each names the real buttons by their own localized strings.
/// </summary>
public static class GuideCatalog
{
    private const string Layout = "Features/Shared/_Layout.cshtml";
    private const string Caseload = "Features/Issuance/Index.cshtml";
    private const string ClientPage = "Features/Issuance/Client.cshtml";
    private const string RevokePage = "Features/Issuance/Revoke.cshtml";
    private const string WorkAuthorization = "Features/WorkAuthorization/Client.cshtml";
    private const string SignIn = "Features/Account/SignIn.cshtml";
    private const string Code = "Features/Account/Code.cshtml";
    private const string Wallet = "Features/Wallet/Index.cshtml";
    private const string Sharing = "Features/Sharing/Index.cshtml";
    private const string Consent = "Features/HelpMode/Consent.cshtml";
    private const string Banner = "Features/HelpMode/_HelpBanner.cshtml";

    private static readonly UiLabel Staff = new(L.Key("Staff"), Layout);
    private static readonly UiLabel FindByName = new(L.Key("Find a client by name"), Caseload);
    private static readonly UiLabel Search = new(L.Key("Search"), Caseload);
    private static readonly UiLabel OpenClient = new(L.Key("Clients"), Caseload);

    /// <summary>Every guide, in the order of the work.</summary>
    public static IReadOnlyList<Guide> All { get; } =
    [
        new("add-client", L.Key("Add a client"), L.Key("For caseworkers and administrators who register a new person."),
        [
            new(L.Key("Open “{0}” in the menu at the top. You see your caseload."), Staff),
            new(L.Key("Under “{0}”, type the person's name as they write it."), new UiLabel(L.Key("Add a client"), Caseload)),
            new(L.Key("Type their e-mail or phone number in “{0}”. The person receives their messages and sign-in codes there."), new UiLabel(L.Key("E-mail or phone number"), Caseload)),
            new(L.Key("Choose the site and the language the person reads best."), []),
            new(L.Key("Press “{0}”. The person now appears under “{1}”."), new UiLabel(L.Key("Add client"), Caseload), OpenClient),
        ],
        [
            new(L.Key("What if the person already has an OpenLER account? They get an invitation instead. You can work with them when they accept it."), []),
            new(L.Key("What if the person has no e-mail or phone? Add them with a contact they can reach later, then on their page press “{0}” and give them the letter."), new UiLabel(L.Key("Make a sign-in letter"), ClientPage)),
        ]),
        new("enroll", L.Key("Enroll a client in a program"), L.Key("For caseworkers who start a person in a class or program."),
        [
            new(L.Key("Open “{0}” in the menu at the top."), Staff),
            new(L.Key("Type the person's name in “{0}” and press “{1}”."), FindByName, Search),
            new(L.Key("Press the person's name to open their page."), []),
            new(L.Key("Under “{0}”, choose the program."), new UiLabel(L.Key("Enroll in a program"), ClientPage)),
            new(L.Key("Type the cohort, for example the month the class starts."), []),
            new(L.Key("Press “{0}”. The program appears on the person's page."), new UiLabel(L.Key("Enroll"), ClientPage)),
        ],
        [
            new(L.Key("What if the program is not in the list? Press “{0}”: an administrator adds programs."), new UiLabel(L.Key("Create a program first."), ClientPage)),
        ]),
        new("complete", L.Key("Record that a client completed a program"), L.Key("For caseworkers when a person finishes a program."),
        [
            new(L.Key("Open “{0}” in the menu at the top."), Staff),
            new(L.Key("Type the person's name in “{0}” and press “{1}”."), FindByName, Search),
            new(L.Key("Press the person's name to open their page."), []),
            new(L.Key("Find the program. In “{0}”, write in a few plain words what the person did."), new UiLabel(L.Key("Evidence (what the person did)"), ClientPage)),
            new(L.Key("If the program asks for it, choose the English level."), []),
            new(L.Key("Press “{0}”. The person's status becomes “{1}”."), new UiLabel(L.Key("Record completion"), ClientPage), new UiLabel(L.Key("Ready to issue"), Caseload)),
        ],
        [
            new(L.Key("What if you made a mistake? Do not issue yet: ask an administrator to correct the record first."), []),
        ]),
        new("issue", L.Key("Issue a credential"), L.Key("For caseworkers when a person's completion is recorded."),
        [
            new(L.Key("Open “{0}” in the menu at the top."), Staff),
            new(L.Key("Under “{0}”, choose “{1}” and press “{2}”."), new UiLabel(L.Key("Show"), Caseload), new UiLabel(L.Key("Ready to issue"), Caseload), Search),
            new(L.Key("Press the person's name to open their page."), []),
            new(L.Key("Check the program and the completion date."), []),
            new(L.Key("Press “{0}”. The person gets a message and finds the credential in their wallet."), new UiLabel(L.Key("Issue credential"), ClientPage)),
        ],
        [
            new(L.Key("What if the status says “{0}”? The person must accept your invitation first."), new UiLabel(L.Key("Completed, waiting for the person to accept"), Caseload)),
            new(L.Key("What if a whole class finished? Use “{0}” from your caseload."), new UiLabel(L.Key("Issue credentials for a cohort"), Caseload)),
        ]),
        new("help-share", L.Key("Help a client open their wallet and share"), L.Key("For caseworkers who help a person on the caseworker's own computer or tablet."),
        [
            new(L.Key("Open the person's page and press “{0}”."), new UiLabel(L.Key("Help a client on this device"), ClientPage)),
            new(L.Key("Give the device to the person. They read who is helping and what you will see, and press “{0}”."), new UiLabel(L.Key("I agree, start"), Consent)),
            new(L.Key("The person types their e-mail or phone number and presses “{0}”. The code goes to them, not to you."), new UiLabel(L.Key("Send me a code"), SignIn)),
            new(L.Key("They type the code and press “{0}”."), new UiLabel(L.Key("Open my wallet"), Code)),
            new(L.Key("They press “{0}”, choose what to share, press “{1}”, then “{2}”."), new UiLabel(L.Key("Share with an employer"), Wallet), new UiLabel(L.Key("See what the employer will see"), Sharing), new UiLabel(L.Key("Create link"), Sharing)),
            new(L.Key("At the end, press “{0}” at the top of the page. The person is signed out and the device is yours again."), new UiLabel(L.Key("Finish and sign out"), Banner)),
        ],
        [
            new(L.Key("What if the person has no e-mail or phone? Press “{0}” on their page and give them the letter: it has a code that works once."), new UiLabel(L.Key("Make a sign-in letter"), ClientPage)),
            new(L.Key("What if they shared too much? They can press “{0}” at any time."), new UiLabel(L.Key("Stop this link"), Sharing)),
        ]),
        new("revoke", L.Key("Revoke a credential"), L.Key("For caseworkers and administrators when a credential was issued by mistake."),
        [
            new(L.Key("Open “{0}” in the menu at the top."), Staff),
            new(L.Key("Type the person's name in “{0}” and press “{1}”."), FindByName, Search),
            new(L.Key("Press the person's name to open their page."), []),
            new(L.Key("At the credential, press “{0}”."), new UiLabel(L.Key("Revoke credential…"), ClientPage)),
            new(L.Key("Check the credential and the person. In “{0}”, write why."), new UiLabel(L.Key("Reason for revoking"), RevokePage)),
            new(L.Key("Press “{0}”. Anyone who checks it is told it is no longer valid."), new UiLabel(L.Key("Yes, revoke the credential"), RevokePage)),
        ],
        [
            new(L.Key("What if you opened the wrong one? Press “{0}”: nothing changes."), new UiLabel(L.Key("No, keep it"), RevokePage)),
            new(L.Key("Revoking cannot be undone. To correct a credential, revoke it and issue a new one."), []),
        ]),
        new("work-authorization", L.Key("Record work authorization"), L.Key("For caseworkers who saw a person's work-authorization document."),
        [
            new(L.Key("Open the person's page and press “{0}”."), new UiLabel(L.Key("Work authorization (protected data)"), ClientPage)),
            new(L.Key("Show or read the consent text in the person's language. If they agree, tick the box and press “{0}”."), new UiLabel(L.Key("Record consent"), WorkAuthorization)),
            new(L.Key("Fill in only what you saw on the document yourself."), []),
            new(L.Key("Press “{0}”."), new UiLabel(L.Key("Record the document"), WorkAuthorization)),
            new(L.Key("Press “{0}” and check what the credential will say."), new UiLabel(L.Key("Preview the credential"), WorkAuthorization)),
            new(L.Key("Press “{0}”."), new UiLabel(L.Key("Issue to the person's wallet"), WorkAuthorization)),
        ],
        [
            new(L.Key("What if the person changes their mind? Open “{0}” and press “{1}”."), new UiLabel(L.Key("The person withdraws their consent"), WorkAuthorization), new UiLabel(L.Key("Withdraw consent and erase"), WorkAuthorization)),
            new(L.Key("Every look at the protected details is recorded. Open them only when you need them."), []),
        ]),
    ];

    /// <summary>The guide at <c>/guides/{slug}</c>, or null.</summary>
    public static Guide? Find(string? slug) => All.FirstOrDefault(g => string.Equals(g.Slug, slug, StringComparison.Ordinal));
}
