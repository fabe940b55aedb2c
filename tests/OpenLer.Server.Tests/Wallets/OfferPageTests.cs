using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Features.Messaging;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Wallets;

/// <summary>
/// The offer pages without a wallet: the person makes a QR code (the transaction code goes to the message queue, never onto
/// the page), the interaction URL answers JSON and a page, cancel ends it (410), a revoked credential cannot be offered;
/// a caseworker's page shows the code to read out, and another site's or organization's staff get 404; each step audited.
/// </summary>
public sealed class OfferPageTests
{
    [Fact]
    public async Task The_person_makes_and_cancels_an_offer_and_the_code_goes_to_their_own_channel()
    {
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client());
        var issued = await Journey.IssueAsync(app, staff, "admin@acme.test", "Warehouse Basics", JourneyTests.Contact);
        var holder = new WebSession(app.Client());
        var wallet = await Journey.SignInJobseekerAsync(app, holder, JourneyTests.Contact);
        var credentialPath = wallet.QuerySelector(".cards .card a")!.GetAttribute("href")!;
        var credential = await holder.GetAsync(credentialPath);
        var offersPath = credential.QuerySelector("#add-to-wallet")!.GetAttribute("href")!;
        var offers = await holder.GetAsync(offersPath);
        var made = await holder.SubmitAsync(offers, "form[action*=Create]", new Dictionary<string, string>());
        Assert.StartsWith("data:image/png;base64,", made.QuerySelector("#offer-qr")!.GetAttribute("src"), StringComparison.Ordinal);
        Assert.StartsWith("openid-credential-offer://?credential_offer_uri=", made.QuerySelector("#oid4vci-link")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.StartsWith("dccrequest://request?request=", made.QuerySelector("#dcc-link")!.GetAttribute("href"), StringComparison.Ordinal);
        var interaction = new Uri(made.QuerySelector("#interaction-link")!.GetAttribute("href")!);

        // The code went to the queue (the person's e-mail), and nowhere on the page.
        var queued = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<QueuedMessage>().CountAsync(m => m.Kind == MessageKind.WalletOfferCode));
        Assert.Equal(1, queued);
        Assert.DoesNotMatch(@"\b[0-9]{3} ?[0-9]{3}\b", made.QuerySelector("main")!.TextContent);

        // A wallet's GET with Accept: application/json; the browser's page.
        using var json = new HttpRequestMessage(HttpMethod.Get, interaction.PathAndQuery);
        json.Headers.Accept.ParseAdd("application/json");
        using var answer = await app.Client().SendAsync(json);
        var protocols = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["protocols"]!;
        Assert.EndsWith("/exchange", (string)protocols["vcapi"]!, StringComparison.Ordinal);
        var offerUrl = Uri.UnescapeDataString(((string)protocols["oid4vci-1.0"]!).Split("credential_offer_uri=")[1]);
        var offer = JsonNode.Parse(await app.Client().GetStringAsync(new Uri(offerUrl).AbsolutePath))!;
        Assert.Equal("https://localhost/orgs/acme", (string?)offer["credential_issuer"]);
        Assert.Equal(6, (int)offer["grants"]!["urn:ietf:params:oauth:grant-type:pre-authorized_code"]!["tx_code"]!["length"]!);
        await new WebSession(app.Client()).GetAsync(interaction.PathAndQuery);

        // Cancel: the interaction URL and the offer are gone.
        var current = await holder.GetAsync(offersPath);
        await holder.SubmitAsync(current, "form[action*=Cancel]", new Dictionary<string, string>());
        await new WebSession(app.Client()).GetAsync(interaction.PathAndQuery, HttpStatusCode.Gone);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client().GetAsync(new Uri(offerUrl).AbsolutePath)).StatusCode);

        var actions = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<AuditRecord>().Select(r => r.Action).ToListAsync());
        Assert.Contains(AuditActions.OfferCreated, actions);
        Assert.Contains(AuditActions.OfferCancelled, actions);

        // Revoked by the organization: the credential cannot be offered any more.
        var client = await staff.GetAsync(issued.ClientPath);
        await Journey.RevokeAsync(staff, client, "Test");
        await holder.GetAsync(credentialPath);
        var revoked = await holder.GetAsync(offersPath);
        var refused = await holder.SubmitAsync(revoked, "form[action*=Create]", new Dictionary<string, string>());
        Assert.Null(refused.QuerySelector("#offer-qr"));
    }

    [Fact]
    public async Task A_caseworker_shows_the_code_to_read_out_and_other_staff_get_404()
    {
        using var app = new OpenLerFactory();
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test", "Test-password-1", "Tucson", "Des Moines");
        var staff = new WebSession(app.Client());
        var issued = await Journey.IssueAsync(app, staff, "admin@acme.test", "Warehouse Basics", JourneyTests.Contact);
        var client = await staff.GetAsync(issued.ClientPath);
        var link = client.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).First(h => h!.EndsWith("/wallets", StringComparison.Ordinal))!;
        var page = await staff.GetAsync(link);
        var made = await staff.SubmitAsync(page, "form[action*=Create]", new Dictionary<string, string>());
        Assert.Matches("^[0-9]{3} ?[0-9]{3}$", made.QuerySelector("#tx-code")!.TextContent.Trim());
        Assert.NotNull(made.QuerySelector("#offer-qr"));

        var otherSite = await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<AppDbContext>();
            var clientSite = await db.Clients.Select(c => c.SiteId).SingleAsync();
            return await db.Sites.Where(x => x.OrganizationId == org.Id && x.Id != clientSite).Select(x => x.Name).FirstAsync();
        });
        await app.CreateStaffAsync(org.Id, "other-site@acme.test", AppClaims.SpecialistRole, otherSite);
        var other = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, other, "other-site@acme.test");
        await other.GetAsync(link, HttpStatusCode.NotFound);
        await app.CreateOrganizationAsync("rival", "admin@rival.test");
        var rival = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, rival, "admin@rival.test");
        await rival.GetAsync(link, HttpStatusCode.NotFound);
    }
}
