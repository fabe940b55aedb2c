using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Server.Data;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Staff;

/// <summary>Issue 11 (staff): revoking asks first, naming the credential and the person; every action says it happened.</summary>
public sealed class RevokeConfirmationTests
{
    [Fact]
    public async Task Revoking_asks_first_naming_the_credential_and_the_person_then_says_it_is_done()
    {
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client());
        var issued = await Journey.IssueAsync(app, staff, "admin@acme.test", "Warehouse Basics", "amina@confirm.test");
        async Task<int> Revoked() => await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Credentials.CountAsync(c => c.RevokedAt != null));

        // The client page's button only opens the confirmation step (a GET: nothing changes).
        var client = await staff.GetAsync(issued.ClientPath);
        var confirm = await staff.SubmitAsync(client, "form.revoke", new Dictionary<string, string>());
        Assert.Equal("Warehouse Basics", confirm.QuerySelector("#revoke-title")!.TextContent.Trim());
        Assert.Equal("Amina Yusuf", confirm.QuerySelector("#revoke-person")!.TextContent.Trim());
        Assert.NotNull(confirm.QuerySelector("main a[href='" + issued.ClientPath + "']"));
        Assert.Equal(0, await Revoked());

        // A post without the confirmation (an old form, a crafted request) is sent to the confirmation step instead.
        var token = confirm.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var credentialId = confirm.QuerySelector("main form input[name=credentialId]")!.GetAttribute("value")!;
        var unconfirmed = await staff.Client.PostAsync(issued.ClientPath + "?handler=Revoke", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("credentialId", credentialId), new("reason", "x")]));
        Assert.Equal(HttpStatusCode.Redirect, unconfirmed.StatusCode);
        Assert.Contains("/revoke?credentialId=" + credentialId, unconfirmed.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await Revoked());

        var done = await staff.SubmitAsync(confirm, "main form[action*=Revoke]", new Dictionary<string, string> { ["reason"] = "Issued to the wrong person" });
        Assert.Equal(1, await Revoked());
        Assert.Equal("Credential revoked.", done.QuerySelector("[role=status]")!.TextContent.Trim());
        Assert.Null(done.QuerySelector("form.revoke"));

        // A revoked credential has no confirmation step any more.
        await staff.GetAsync($"{issued.ClientPath}/revoke?credentialId={credentialId}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_confirmation_step_of_another_sites_client_is_not_found()
    {
        using var app = new OpenLerFactory();
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test", "Test-password-1", "Tucson", "Des Moines");
        await app.CreateStaffAsync(org.Id, "tu@acme.test", siteName: "Tucson");
        var admin = new WebSession(app.Client());
        var issued = await Journey.IssueAsync(app, admin, "admin@acme.test", "Warehouse Basics", "amina@confirm.test");
        var credentialId = (await admin.GetAsync(issued.ClientPath)).QuerySelector("form.revoke input[name=credentialId]")!.GetAttribute("value")!;

        var other = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, other, "tu@acme.test");
        await other.GetAsync($"{issued.ClientPath}/revoke?credentialId={credentialId}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Saving_a_program_says_so()
    {
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, staff, "admin@acme.test");
        var page = await staff.SubmitAsync(await staff.GetAsync("/programs"), "main form", new Dictionary<string, string>
        {
            ["name"] = "Forklift", ["description"] = "Safe driving.", ["criteria"] = "A practical test.",
        });
        Assert.Equal("Program saved.", page.QuerySelector("[role=status]")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_specialist_opening_the_organization_page_is_told_they_have_no_access_not_asked_to_sign_in()
    {
        using var app = new OpenLerFactory();
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test", "Test-password-1", "Tucson");
        await app.CreateStaffAsync(org.Id, "luis@acme.test", siteName: "Tucson");
        var luis = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, luis, "luis@acme.test");
        foreach (var path in new[] { "/organization", "/organization/audit", "/organization/api-keys" })
        {
            var response = await luis.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
            var page = await luis.GetAsync(response.Headers.Location.PathAndQuery, HttpStatusCode.Forbidden);
            Assert.Equal("You don't have access to this page", page.QuerySelector("h1")!.TextContent.Trim());
            Assert.Null(page.QuerySelector("input[type=password]"));
        }
    }
}
