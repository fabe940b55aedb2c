using OpenLer.Server.Features.Guides;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Guides;

/// <summary>
/// Issue 15, "Guides": the buttons, links and headings the guides quote are really shown. A caseworker and a client walk
/// through the pages the guides describe (caseload, a client at each stage, the revoke step, work authorization, sign-in,
/// wallet, sharing, help mode) and every quoted label appears on the page the guide names, as rendered.
/// </summary>
public sealed class GuideLabelsOnPagesTests
{
    /// <summary>Labels shown only in states this walk does not reach (still checked in the page source by <see cref="GuideTests"/>).</summary>
    private static readonly HashSet<string> StateDependent =
    [
        "Create a program first.", // only before the organization has any program
        "Record the document", "Preview the credential", "Issue to the person's wallet", "The person withdraws their consent", "Withdraw consent and erase",
    ];

    [Fact]
    public async Task Every_label_a_guide_quotes_is_on_its_rendered_page()
    {
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client());
        var shown = new Dictionary<string, List<string>>();
        void Seen(string page, AngleSharp.Html.Dom.IHtmlDocument document)
        {
            if (!shown.TryGetValue(page, out var list))
            {
                shown[page] = list = [];
            }

            list.Add(document.Body!.TextContent);
        }

        // Client A: issued. Client B: enrolled, then completed.
        var issued = await Journey.IssueAsync(app, staff, "admin@acme.test", "Warehouse Basics", "amina@labels.test");
        Seen("Features/Shared/_Layout.cshtml", await staff.GetAsync("/issuance"));
        Seen("Features/Issuance/Index.cshtml", await staff.GetAsync("/issuance"));
        var clientA = await staff.GetAsync(issued.ClientPath);
        Seen("Features/Issuance/Client.cshtml", clientA);
        var clientB = await staff.SubmitAsync(await staff.GetAsync("/issuance"), "#add-client-form", new Dictionary<string, string> { ["name"] = "Dawit", ["contact"] = "dawit@labels.test" });
        Seen("Features/Issuance/Client.cshtml", clientB);
        clientB = await staff.SubmitAsync(clientB, "form[action*=Enroll]", new Dictionary<string, string> { ["cohort"] = "2026 Spring" });
        Seen("Features/Issuance/Client.cshtml", clientB);
        clientB = await staff.SubmitAsync(clientB, "form[action*=Complete]", new Dictionary<string, string> { ["evidence"] = "Passed." });
        Seen("Features/Issuance/Client.cshtml", clientB);
        Seen("Features/Issuance/Revoke.cshtml", await staff.SubmitAsync(clientA, "form.revoke", new Dictionary<string, string>()));
        Seen("Features/WorkAuthorization/Client.cshtml", await staff.GetAsync(clientA.QuerySelector("#work-authorization-link")!.GetAttribute("href")!));

        // The client's side: sign-in, code, wallet, sharing with one link.
        var holder = new WebSession(app.Client());
        Seen("Features/Account/SignIn.cshtml", await holder.GetAsync("/account/sign-in"));
        var codePage = await holder.SubmitAsync(await holder.GetAsync("/account/sign-in"), "main form", new Dictionary<string, string> { ["contact"] = "amina@labels.test" });
        Seen("Features/Account/Code.cshtml", codePage);
        Seen("Features/Wallet/Index.cshtml", await holder.SubmitAsync(codePage, "main form", new Dictionary<string, string> { ["code"] = app.Messages.Latest("amina@labels.test")! }));
        Seen("Features/Sharing/Index.cshtml", await holder.GetAsync("/sharing"));
        var preview = await holder.SubmitAsync(await holder.GetAsync("/sharing"), "#choose-form", new Dictionary<string, string> { ["days"] = "30" });
        Seen("Features/Sharing/Index.cshtml", preview);
        Seen("Features/Sharing/Index.cshtml", await holder.SubmitAsync(preview, "#create-form", new Dictionary<string, string>()));
        Seen("Features/Sharing/Index.cshtml", await holder.GetAsync("/sharing"));

        // Help mode: the consent step and the banner.
        var consent = await staff.SubmitAsync(await staff.GetAsync(issued.ClientPath), "form.help-start", new Dictionary<string, string>());
        Seen("Features/HelpMode/Consent.cshtml", consent);
        Seen("Features/HelpMode/_HelpBanner.cshtml", consent);

        var missing = new List<string>();
        foreach (var guide in GuideCatalog.All)
        {
            foreach (var label in guide.Steps.Concat(guide.Tips).SelectMany(s => s.Labels).Where(l => !StateDependent.Contains(l.Text)))
            {
                if (!shown.TryGetValue(label.Page, out var texts) || !texts.Any(t => t.Contains(label.Text, StringComparison.Ordinal)))
                {
                    missing.Add($"{guide.Slug}: “{label.Text}” not shown on {label.Page}");
                }
            }
        }

        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }
}
