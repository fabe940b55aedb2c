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
        await Journey.SignInStaffAsync(app, admin, "admin@acme.test");
        var page = await admin.GetAsync("/organization");
        page = await admin.SubmitAsync(page, "form[action*=Site]", new Dictionary<string, string> { ["siteName"] = "Acme Des Moines" });
        page = await admin.SubmitAsync(page, "form[action*=Staff]", new Dictionary<string, string>
        {
            ["staffName"] = "Luis Romero", ["staffEmail"] = "luis@acme.test", ["staffPassword"] = "Specialist-pass-1", ["role"] = "EmploymentSpecialist",
        });
        Assert.Contains("Acme Des Moines", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var employers = await admin.GetAsync("/organization/employers");
        employers = await admin.SubmitAsync(employers, "form[action*=Employer]", new Dictionary<string, string> { ["employerName"] = "Desert Logistics" });
        Assert.Contains("Desert Logistics", employers.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector(".staff[data-staff='luis@acme.test']"));

        // An admin-set password must be changed at the first sign-in, before anything else.
        var specialist = new WebSession(app.Client());
        var first = await Journey.SignInStaffAsync(app, specialist, "luis@acme.test", "Specialist-pass-1");
        Assert.Equal("/account/password", specialist.Last!.RequestMessage!.RequestUri!.AbsolutePath);
        await specialist.SubmitAsync(first, "main form", new Dictionary<string, string> { ["current"] = "Specialist-pass-1", ["new"] = "Luis-own-pass-2", ["repeat"] = "Luis-own-pass-2" });
        await specialist.GetAsync("/issuance");
        var denied = await specialist.Client.GetAsync("/organization");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await specialist.Client.GetAsync("/organization/employers")).StatusCode);
        var programs = await specialist.GetAsync("/programs");
        Assert.Null(programs.QuerySelector("main form"));
    }
}

/// <summary>A caseworker gives a client without e-mail or phone a printed sign-in letter.</summary>
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
        client = await staff.SubmitAsync(client, "form[action*=Letter]", new Dictionary<string, string>());
        var code = client.QuerySelector("#letter-code")!.TextContent.Trim();
        Assert.Matches("^[0-9]{4} [0-9]{4} [0-9]{4}$", code);

        var holder = new WebSession(app.Client());
        var page = await holder.GetAsync("/account/code");
        var wallet = await holder.SubmitAsync(page, "main form", new Dictionary<string, string> { ["contact"] = JourneyTests.Contact, ["code"] = code });
        Assert.Contains("Warehouse Basics", wallet.QuerySelector(".cards")!.TextContent, StringComparison.Ordinal);
    }
}

/// <summary>Issuing is idempotent even when two clicks arrive at the same moment.</summary>
public sealed class IdempotentIssueTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Two_simultaneous_issue_posts_issue_one_credential(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, staff, "admin@acme.test");
        var programs = await staff.GetAsync("/programs");
        await staff.SubmitAsync(programs, "main form", new Dictionary<string, string> { ["name"] = "P", ["description"] = "D", ["criteria"] = "C" });
        var client = await staff.SubmitAsync(await staff.GetAsync("/issuance"), "main form", new Dictionary<string, string> { ["name"] = "Amina", ["contact"] = "a@b.test" });
        var path = staff.Last!.RequestMessage!.RequestUri!.AbsolutePath;
        client = await staff.SubmitAsync(client, "form[action*=Enroll]", new Dictionary<string, string> { ["cohort"] = "1" });
        client = await staff.SubmitAsync(client, "form[action*=Complete]", new Dictionary<string, string>());
        var form = client.QuerySelector("form[action*=Issue]")!;
        var fields = new[]
        {
            new KeyValuePair<string, string>("__RequestVerificationToken", form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
            new KeyValuePair<string, string>("enrollmentId", form.QuerySelector("input[name=enrollmentId]")!.GetAttribute("value")!),
        };
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => staff.Client.PostAsync(path + "?handler=Issue", new FormUrlEncodedContent(fields))));
        Assert.All(responses, r => Assert.Equal(System.Net.HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(1, await app.WithScopeAsync(s => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<OpenLer.Server.Data.AppDbContext>(s).Credentials)));
    }
}

/// <summary>A real deployment's first organization and admin come from configuration (no demo data).</summary>
public sealed class BootstrapTests
{
    [Fact]
    public async Task Configured_organization_and_admin_are_created_at_first_start()
    {
        using var app = new OpenLerFactory(settings: new Dictionary<string, string?>
        {
            ["OpenLer:Bootstrap:Slug"] = "irc-phoenix",
            ["OpenLer:Bootstrap:Name"] = "IRC Phoenix",
            ["OpenLer:Bootstrap:Sites"] = "Phoenix, Glendale",
            ["OpenLer:Bootstrap:AdminEmail"] = "lead@irc.test",
            ["OpenLer:Bootstrap:AdminPassword"] = "Bootstrap-pass-1",
        });
        var admin = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, admin, "lead@irc.test", "Bootstrap-pass-1");
        var page = await admin.GetAsync("/organization");
        Assert.Contains("IRC Phoenix", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Glendale", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var staff = await app.WithScopeAsync(s => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<OpenLer.Server.Data.AppDbContext>(s).Users));
        Assert.Equal(1, staff);
    }
}
