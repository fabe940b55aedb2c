using AngleSharp.Html.Dom;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Staff;

/// <summary>Issue 11 (staff): the caseload shows where each client stands and finds clients by name, only within scope.</summary>
public sealed class CaseloadSearchTests
{
    private static Dictionary<string, string> Statuses(IHtmlDocument page) =>
        page.QuerySelectorAll("table.caseload tbody tr").ToDictionary(
            r => r.QuerySelector("td a")!.TextContent.Trim(),
            r => string.Join(',', r.QuerySelectorAll("li[data-status]").Select(l => l.GetAttribute("data-status"))));

    private static async Task<IHtmlDocument> AddClientAsync(WebSession staff, string name, string contact, string? site = null)
    {
        var caseload = await staff.GetAsync("/issuance");
        var fields = new Dictionary<string, string> { ["name"] = name, ["contact"] = contact };
        if (site is not null)
        {
            fields["siteId"] = caseload.QuerySelectorAll("#site option").First(o => o.TextContent.Trim() == site).GetAttribute("value")!;
        }

        return await staff.SubmitAsync(caseload, "main form[method=post]", fields);
    }

    [Fact]
    public async Task Each_client_shows_where_they_stand_and_search_finds_them_by_any_part_of_the_name()
    {
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client());
        await Journey.IssueAsync(app, staff, "admin@acme.test", "Warehouse Basics", "amina@search.test");

        var jose = await AddClientAsync(staff, "José Pérez", "jose@search.test");
        jose = await staff.SubmitAsync(jose, "form[action*=Enroll]", new Dictionary<string, string> { ["cohort"] = "1" });
        var maria = await AddClientAsync(staff, "María Nguyễn", "maria@search.test");
        maria = await staff.SubmitAsync(maria, "form[action*=Enroll]", new Dictionary<string, string> { ["cohort"] = "1" });
        await staff.SubmitAsync(maria, "form[action*=Complete]", new Dictionary<string, string>());
        await AddClientAsync(staff, "Tomas Berhe", "+1 520 555 0199");

        var page = await staff.GetAsync("/issuance");
        var statuses = Statuses(page);
        Assert.Equal("issued", statuses["Amina Yusuf"]);
        Assert.Equal("enrolled", statuses["José Pérez"]);
        Assert.Equal("ready-to-issue", statuses["María Nguyễn"]);
        Assert.Equal("not-enrolled", statuses["Tomas Berhe"]);

        // Accents and case do not matter; every word typed must start a word of the name.
        Assert.Equal(["José Pérez"], Statuses(await staff.SubmitAsync(page, "form[role=search]", new Dictionary<string, string> { ["q"] = "jose" })).Keys);
        Assert.Equal(["María Nguyễn"], Statuses(await staff.GetAsync("/issuance?q=NGUYEN%20mar")).Keys);
        Assert.Empty(Statuses(await staff.GetAsync("/issuance?q=guyen")));
        var filtered = await staff.GetAsync("/issuance?status=ready-to-issue");
        Assert.Equal(["María Nguyễn"], Statuses(filtered).Keys);
        Assert.Contains("1 of 4 clients", filtered.QuerySelector("#search-result")!.TextContent, StringComparison.Ordinal);

        // The person signs in after the credential was issued: it is in their wallet now.
        await Journey.SignInJobseekerAsync(app, new WebSession(app.Client()), "amina@search.test");
        Assert.Equal("in-wallet", Statuses(await staff.GetAsync("/issuance"))["Amina Yusuf"]);
    }

    [Fact]
    public async Task A_specialist_never_finds_a_client_of_another_site_or_another_organization()
    {
        using var app = new OpenLerFactory();
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test", "Test-password-1", "Tucson", "Des Moines");
        await app.CreateOrganizationAsync("other", "admin@other.test");
        await app.CreateStaffAsync(org.Id, "luis@acme.test", siteName: "Tucson");
        var admin = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, admin, "admin@acme.test");
        await AddClientAsync(admin, "Samira Tucson", "samira@scope.test", "Tucson");
        await AddClientAsync(admin, "Samir Moines", "samir@scope.test", "Des Moines");
        var otherAdmin = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, otherAdmin, "admin@other.test");
        await AddClientAsync(otherAdmin, "Samuel Other", "samuel@scope.test");

        // The admin sees both sites of the organization, never the other organization's client.
        Assert.Equal(["Samir Moines", "Samira Tucson"], Statuses(await admin.GetAsync("/issuance?q=sam")).Keys.Order());

        var luis = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, luis, "luis@acme.test");
        Assert.Equal(["Samira Tucson"], Statuses(await luis.GetAsync("/issuance?q=sam")).Keys);
        var none = await luis.GetAsync("/issuance?q=moines");
        Assert.Empty(Statuses(none));
        Assert.Contains("0 of 1 clients", none.QuerySelector("#search-result")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Samir Moines", none.Body!.TextContent, StringComparison.Ordinal);
        Assert.Empty(Statuses(await luis.GetAsync("/issuance?q=samuel")));
    }
}
