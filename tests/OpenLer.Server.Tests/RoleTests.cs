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
