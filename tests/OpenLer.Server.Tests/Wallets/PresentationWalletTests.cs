using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Credentials.Protocols;
using OpenLer.Credentials.Protocols.Oid4Vp;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Features.Presentations;
using OpenLer.Server.Features.Verify;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Wallets;

/// <summary>
/// Our web wallet answers an OpenID4VP request (pick, send; or say no) and the verifier's refusals: a presentation for another
/// nonce or audience, an oversized response, and a request object with a bad signature or alg none.
/// </summary>
public sealed class PresentationWalletTests
{
    private static OpenLerFactory DemoApp(Db db = Db.Sqlite) => new(db, settings: new Dictionary<string, string?> { ["OpenLer:Demo"] = "true" });

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_person_answers_a_request_from_their_wallet(bool signed)
    {
        using var app = new OpenLerFactory();
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", JourneyTests.Contact);
        var (id, link) = await app.WithScopeAsync(async services =>
        {
            var requests = services.GetRequiredService<VerifierRequests>();
            var (request, token) = await requests.CreateAsync(org.Id, null, "staff", null, new RequestChoice(true, false, false, signed, signed));
            return (request.Id, services.GetRequiredService<PresentationAddresses>().InteractionUrl(token));
        });

        // The request's page, then the wallet: who asks, what, pick, send.
        var holder = new WebSession(app.Client());
        var page = await holder.GetAsync(new Uri(link).PathAndQuery);
        var answer = page.QuerySelector("#answer-with-openler")!.GetAttribute("href")!;
        await Journey.SignInJobseekerAsync(app, holder, JourneyTests.Contact);
        var wallet = await holder.GetAsync(answer);
        Assert.Equal(signed ? 1 : 0, wallet.QuerySelectorAll(".card .verified").Length);
        Assert.Single(wallet.QuerySelectorAll("input[type=radio]"));
        var done = await holder.SubmitAsync(wallet, "#send-form", new Dictionary<string, string>());
        Assert.NotNull(done.QuerySelector("#answer-done"));

        var (stored, outcome) = await KestrelApp.PresentationAsync(app, id);
        Assert.Equal(PresentationStatuses.Answered, stored.Status);
        Assert.True(outcome!.Accepted);

        // Staff see the answer like a share page.
        var staff = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, staff, "admin@acme.test");
        var result = await staff.GetAsync($"/presentations/{id}");
        Assert.Single(result.QuerySelectorAll("[data-verified=true]"));
        Assert.Contains("Warehouse Basics", result.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        // Another organization's staff cannot see it.
        await app.CreateOrganizationAsync("other", "admin@other.test");
        var intruder = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, intruder, "admin@other.test");
        await intruder.GetAsync($"/presentations/{id}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_person_says_no()
    {
        using var app = new OpenLerFactory();
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", JourneyTests.Contact);
        var (id, link) = await app.WithScopeAsync(async services =>
        {
            var requests = services.GetRequiredService<VerifierRequests>();
            var (request, token) = await requests.CreateAsync(org.Id, null, "staff", null, new RequestChoice(true, false, false, true, false));
            return (request.Id, requests.WalletLink(request, token));
        });
        var holder = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, holder, JourneyTests.Contact);
        var wallet = await holder.GetAsync("/wallet/requests");
        wallet = await holder.SubmitAsync(wallet, "form[action*=Open]", new Dictionary<string, string> { ["link"] = link });
        var done = await holder.SubmitAsync(wallet, "#refuse-form", new Dictionary<string, string>());
        Assert.NotNull(done.QuerySelector("#answer-done"));
        Assert.Equal(PresentationStatuses.Refused, (await KestrelApp.PresentationAsync(app, id)).Request.Status);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Presentations_for_another_nonce_or_audience_and_oversized_ones_are_refused(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = DemoApp(db);
        var (id, _, token) = await KestrelApp.PresentationRequestAsync(app, new RequestChoice(true, false, false, true, false));
        var request = VerifierRequests.Parse((await KestrelApp.PresentationAsync(app, id)).Request);

        async Task<HttpResponseMessage> PostAsync(AuthorizationRequest signedFor)
        {
            var fields = await app.WithScopeAsync(async services =>
            {
                var dbContext = services.GetRequiredService<AppDbContext>();
                var amina = (await services.GetRequiredService<People>().FindAsync(Contacts.Normalize(DemoData.JobseekerContacts[0])!))!;
                var credential = await dbContext.Credentials.AsNoTracking().FirstAsync(c => c.JobseekerId == amina.Id && c.SourceCredentialId == null);
                using var key = (await services.GetRequiredService<WalletKeys>().ForCredentialAsync(amina.Id, credential.Id))!;
                var vp = new WalletResponseBuilder(TimeProvider.System).PresentLdpVc(
                    JsonNode.Parse(services.GetRequiredService<CaseRecords>().CredentialJson(credential))!.AsObject(), key, credential.HolderDid!,
                    credential.HolderDid + "#" + key.PublicKey.ToMultibase(), signedFor).Value;
                return WalletResponseBuilder.BuildResponse(request, new JsonObject { ["badge"] = new JsonArray(vp) }).Value;
            });
            return await app.Client().PostAsync($"/p/{token}/response", new FormUrlEncodedContent(fields));
        }

        using var otherNonce = await PostAsync(request with { Nonce = "another-nonce" });
        Assert.Equal(HttpStatusCode.BadRequest, otherNonce.StatusCode);
        Assert.Contains(OAuthErrorCodes.InvalidRequest, await otherNonce.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var otherAudience = await PostAsync(request with { ClientId = ClientIdentifier.ForRedirectUri("https://evil.example/response") });
        Assert.Equal(HttpStatusCode.BadRequest, otherAudience.StatusCode);
        using var oversized = await app.Client().PostAsync($"/p/{token}/response",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["vp_token"] = new string('x', 2 * 1024 * 1024), ["state"] = request.State }));
        Assert.True(oversized.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, oversized.StatusCode.ToString());
        var still = (await KestrelApp.PresentationAsync(app, id)).Request;
        Assert.Equal(PresentationStatuses.Pending, still.Status);
        Assert.NotNull(still.LastProblem);

        // The right answer is still accepted, once.
        using var right = await PostAsync(request);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        using var twice = await PostAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
    }

    [Fact]
    public async Task A_revoked_credential_is_not_accepted()
    {
        using var app = new OpenLerFactory();
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client());
        var issued = await Journey.IssueAsync(app, staff, "admin@acme.test", "Warehouse Basics", JourneyTests.Contact);
        var client = await staff.GetAsync(issued.ClientPath);
        await Journey.RevokeAsync(staff, client, "Test");
        var (id, link) = await app.WithScopeAsync(async services =>
        {
            var requests = services.GetRequiredService<VerifierRequests>();
            var (request, token) = await requests.CreateAsync(org.Id, null, "staff", null, new RequestChoice(true, false, false, true, false));
            return (request.Id, requests.WalletLink(request, token));
        });

        // The wallet offers no revoked credential; a presentation of it sent anyway is refused by the status check.
        var holder = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, holder, JourneyTests.Contact);
        var wallet = await holder.GetAsync("/wallet/requests?link=" + Uri.EscapeDataString(link));
        Assert.Empty(wallet.QuerySelectorAll("input[type=radio]"));
        var (status, body) = await app.WithScopeAsync(async services =>
        {
            var dbContext = services.GetRequiredService<AppDbContext>();
            var credential = await dbContext.Credentials.AsNoTracking().SingleAsync();
            using var key = (await services.GetRequiredService<WalletKeys>().ForCredentialAsync(credential.JobseekerId, credential.Id))!;
            var stored = await dbContext.Set<PresentationRequest>().AsNoTracking().SingleAsync(r => r.Id == id);
            var request = VerifierRequests.Parse(stored);
            var vp = new WalletResponseBuilder(TimeProvider.System).PresentLdpVc(
                JsonNode.Parse(services.GetRequiredService<CaseRecords>().CredentialJson(credential))!.AsObject(), key, credential.HolderDid!,
                credential.HolderDid + "#" + key.PublicKey.ToMultibase(), request).Value;
            var fields = WalletResponseBuilder.BuildResponse(request, new JsonObject { ["badge"] = new JsonArray(vp) }).Value;
            var token = services.GetRequiredService<PresentationAddresses>().TokenOf(request.ResponseUri)!;
            return await services.GetRequiredService<VerifierRequests>().ReceiveAsync(token,
                FormParameters.From(fields.Select(f => new KeyValuePair<string, string?>(f.Key, f.Value)), AuthorizationResponse.MaxValueLength).Value);
        });
        Assert.Equal(400, status);
        Assert.Equal(OAuthErrorCodes.InvalidRequest, (string?)body["error"]);
        Assert.Equal(PresentationStatuses.Pending, (await KestrelApp.PresentationAsync(app, id)).Request.Status);
    }

    [Fact]
    public async Task Request_objects_with_a_bad_signature_or_alg_none_are_refused_by_our_wallet()
    {
        using var app = DemoApp();
        var (_, link, token) = await KestrelApp.PresentationRequestAsync(app, new RequestChoice(true, false, false, true, false));
        var jwt = await app.Client().GetStringAsync($"/p/{token}/request");
        var clientId = AuthorizationRequestUri.Parse(link).Value.ClientId;
        await app.WithScopeAsync(async services =>
        {
            var verifier = new WalletRequestVerifier(services.GetRequiredService<DeploymentVerifier>().Verifier.Options.DidResolver, TimeProvider.System);
            Assert.True((await verifier.VerifyRequestObjectAsync(jwt, clientId)).IsSuccess);
            var parts = jwt.Split('.');
            var flipped = parts[0] + "." + parts[1] + "." + (parts[2][0] == 'A' ? 'B' : 'A') + parts[2][1..];
            Assert.Equal(OAuthErrorCodes.InvalidRequest, (await verifier.VerifyRequestObjectAsync(flipped, clientId)).Error?.Code);
            var none = Credentials.Encodings.Base64Url.Encode("{\"alg\":\"none\",\"typ\":\"oauth-authz-req+jwt\"}"u8.ToArray()) + "." + parts[1] + ".";
            Assert.Equal(OAuthErrorCodes.InvalidRequest, (await verifier.VerifyRequestObjectAsync(none, clientId)).Error?.Code);
            return true;
        });
    }
}
