using System.Net;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests;

/// <summary>Roles: an organization admin adds sites and staff; an employment specialist works the caseload but cannot.</summary>
public sealed class RoleTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Admin_adds_a_specialist_who_cannot_manage_the_organization_or_programs(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var admin = new WebSession(app.Client());
        await Journey.SignInStaffAsync(admin, "admin@acme.test");
        var page = await admin.GetAsync("/organization");
        page = await admin.SubmitAsync(page, "form[action*=Site]", new Dictionary<string, string> { ["siteName"] = "Acme Des Moines" });
        page = await admin.SubmitAsync(page, "form[action*=Staff]", new Dictionary<string, string>
        {
            ["staffName"] = "Luis Romero", ["staffEmail"] = "luis@acme.test", ["staffPassword"] = "Specialist-pass-1", ["role"] = "EmploymentSpecialist",
        });
        Assert.Contains("Acme Des Moines", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("luis@acme.test", page.QuerySelector("table")!.TextContent, StringComparison.Ordinal);

        var specialist = new WebSession(app.Client());
        await Journey.SignInStaffAsync(specialist, "luis@acme.test", "Specialist-pass-1");
        await specialist.GetAsync("/issuance");
        var denied = await specialist.Client.GetAsync("/organization");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        var programs = await specialist.GetAsync("/programs");
        Assert.Null(programs.QuerySelector("main form"));
    }
}

/// <summary>A caseworker gives a client without e-mail or phone a printed sign-in code.</summary>
public sealed class PrintedCodeTests
{
    [Fact]
    public async Task A_printed_code_from_the_caseworker_opens_the_wallet()
    {
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client());
        var issued = await Journey.IssueAsync(app, staff, "admin@acme.test", "Warehouse Basics", JourneyTests.Contact);
        var client = await staff.GetAsync(issued.ClientPath);
        client = await staff.SubmitAsync(client, "form[action*=Code]", new Dictionary<string, string>());
        var code = client.QuerySelector("#printed-code")!.TextContent.Trim();
        Assert.Matches("^[0-9]{6}$", code);

        var holder = new WebSession(app.Client());
        var page = await holder.GetAsync("/account/code");
        var wallet = await holder.SubmitAsync(page, "main form", new Dictionary<string, string> { ["contact"] = JourneyTests.Contact, ["code"] = code });
        Assert.Contains("Warehouse Basics", wallet.QuerySelector(".cards")!.TextContent, StringComparison.Ordinal);
    }
}
