using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.Protocols.Oid4Vci;
using OpenLer.Credentials.WorkAuthorization;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Features.Presentations;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Tests.Wallets;

/// <summary>
/// @openid4vc/openid4vp 0.4.6 (js/oid4vp-wallet.mjs) as the wallet against our verifier on Kestrel: it holds an Open Badge it
/// received from our issuer by OpenID4VCI, and a work-authorization SD-JWT VC signed by the organization's key and bound to
/// its key; it resolves our request (signed request object, or unsigned), presents, and our verifier checks and stores the
/// answer. A refusal is recorded as such.
/// </summary>
public sealed class Oid4vpInteropTests(KestrelApp fixture) : IClassFixture<KestrelApp>
{
    /// <summary>A credential received from our issuer by the OpenID4VCI driver: (credential file, holder key file).</summary>
    private async Task<(string Credential, string HolderKey)> ReceiveBadgeAsync()
    {
        var (token, txCode, _) = await fixture.OfferAsync(2);
        var folder = Directory.CreateTempSubdirectory("openler-vp").FullName;
        var out_ = Path.Combine(folder, "received.json");
        var (_, output, error) = await NodeTools.RunAsync("oid4vci-wallet-v1.mjs",
            [fixture.OfferUri(token), "--tx-code", txCode, "--config", OpenLerCredentialConfigurations.OpenBadgeLdpVc, "--out", out_]);
        var line = NodeTools.LastLine(output, error);
        Assert.True((bool)line["ok"]!, line.ToJsonString());
        var credential = Path.Combine(folder, "badge.json");
        await File.WriteAllTextAsync(credential, line["credentials"]![0]!["credential"]!.ToJsonString());
        return (credential, out_ + ".holder-key.json");
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task Openid4vp_wallet_presents_an_open_badge_and_our_verifier_accepts_it(bool signed, bool encrypted)
    {
        NodeTools.SkipUnlessAvailable();
        var (credential, holderKey) = await ReceiveBadgeAsync();
        var (id, link, _) = await KestrelApp.PresentationRequestAsync(fixture.App, new RequestChoice(true, false, false, signed, encrypted));
        Assert.StartsWith(signed ? "openid4vp://?client_id=decentralized_identifier" : "openid4vp://?response_type=vp_token", link, StringComparison.Ordinal);
        var (_, output, error) = await NodeTools.RunAsync("oid4vp-wallet.mjs", [link, "--holder-key", holderKey, "--credential", "badge=" + credential]);
        var line = NodeTools.LastLine(output, error);
        Assert.True((bool)line["ok"]!, line.ToJsonString() + error);
        Assert.Equal(encrypted ? "direct_post.jwt" : "direct_post", (string?)line["responseMode"]);

        var (request, outcome) = await KestrelApp.PresentationAsync(fixture.App, id);
        Assert.Equal(PresentationStatuses.Answered, request.Status);
        Assert.True(outcome!.Accepted);
        var item = Assert.Single(outcome.Items);
        Assert.True(item.Verified);
        Assert.Equal("Job Readiness", (string?)item.Claims!["credentialSubject"]!["achievement"]!["name"]);

        // The request is used: the same wallet cannot answer twice.
        var (_, again, againError) = await NodeTools.RunAsync("oid4vp-wallet.mjs", [link, "--holder-key", holderKey, "--credential", "badge=" + credential]);
        Assert.False((bool)NodeTools.LastLine(again, againError)["ok"]!);
    }

    [Fact]
    public async Task Openid4vp_wallet_presents_only_the_asked_work_authorization_claims()
    {
        NodeTools.SkipUnlessAvailable();
        var (_, holderKeyFile) = await ReceiveBadgeAsync();
        var holder = JsonNode.Parse(await File.ReadAllTextAsync(holderKeyFile))!;
        var publicJwk = holder["privateJwk"]!.DeepClone().AsObject();
        publicJwk.Remove("d");
        var holderKey = PublicKey.FromJwk(publicJwk).Value;

        // The organization issues the work authorization (the web app's own page for it is another feature's).
        var sdJwt = await fixture.App.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            var keys = services.GetRequiredService<OrganizationKeys>();
            var org = await db.Organizations.AsNoTracking().FirstAsync(o => o.Slug == DemoData.OrganizationSlug);
            var key = await keys.ActiveKeyAsync(org.Id);
            var identity = keys.Identity(org, key);
            using var signing = keys.SigningKey(key);
            using var random = RandomNumberGenerator.Create();
            return WorkAuthorizationCredential.Issue(new WorkAuthorizationClaims
            {
                AuthorizedToWork = true,
                ValidUntil = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(2),
                DocumentSeenAt = DateTimeOffset.UtcNow.AddDays(-3),
                DocumentType = "EAD (Form I-766)",
                Category = "A03",
                ANumber = "A123456789",
            }, "localhost", signing, identity.Did, identity.VerificationMethod, holderKey, random, DateTimeOffset.UtcNow).Value.Compact;
        });
        var file = Path.Combine(Path.GetDirectoryName(holderKeyFile)!, "work.sdjwt");
        await File.WriteAllTextAsync(file, sdJwt);
        var peer = await NodeTools.PeerVerifyAsync(file);
        Assert.True((bool)peer["verified"]!, "@sd-jwt/sd-jwt-vc: " + peer.ToJsonString());

        var (id, link, _) = await KestrelApp.PresentationRequestAsync(fixture.App, new RequestChoice(false, true, false, true, true));
        var (_, output, error) = await NodeTools.RunAsync("oid4vp-wallet.mjs", [link, "--holder-key", holderKeyFile, "--credential", "work=" + file]);
        Assert.True((bool)NodeTools.LastLine(output, error)["ok"]!, output + error);

        var (request, outcome) = await KestrelApp.PresentationAsync(fixture.App, id);
        Assert.Equal(PresentationStatuses.Answered, request.Status);
        var claims = Assert.Single(outcome!.Items).Claims!;
        Assert.True((bool)claims["authorized_to_work"]!);
        Assert.NotNull(claims["valid_until"]);
        Assert.Null(claims["a_number"]);
        Assert.Null(claims["category"]);
        Assert.Null(claims["document_type"]);
    }

    [Fact]
    public async Task A_refusal_is_recorded_and_sends_nothing()
    {
        NodeTools.SkipUnlessAvailable();
        var (_, holderKey) = await ReceiveBadgeAsync();
        var (id, link, _) = await KestrelApp.PresentationRequestAsync(fixture.App, new RequestChoice(true, false, false, true, false));
        var (_, output, error) = await NodeTools.RunAsync("oid4vp-wallet.mjs", [link, "--holder-key", holderKey, "--refuse"]);
        Assert.True((bool)NodeTools.LastLine(output, error)["ok"]!, output + error);
        var (request, outcome) = await KestrelApp.PresentationAsync(fixture.App, id);
        Assert.Equal(PresentationStatuses.Refused, request.Status);
        Assert.Null(outcome);
    }
}
