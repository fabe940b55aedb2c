using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.Protocols;
using OpenLer.Credentials.Protocols.Oid4Vci;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Wallets;

/// <summary>
/// Every bad input of issue 13 against the issuer, on SQLite and PostgreSQL: each refused with the error code OpenID4VCI /
/// RFC 6749 / RFC 6750 names, and concurrent requests never issue twice.
/// </summary>
public sealed class Oid4VciBadInputTests
{
    private const string Ldp = OpenLerCredentialConfigurations.OpenBadgeLdpVc;

    private static OpenLerFactory DemoApp(Db db) => new(db, settings: new Dictionary<string, string?> { ["OpenLer:Demo"] = "true" });

    private static IssuerClient Client(OpenLerFactory app) => new(app.Client(), "https://localhost/orgs/irc");

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Codes_tokens_and_offers_are_refused_with_the_spec_error_codes(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = DemoApp(db);
        var issuer = Client(app);

        // A wrong tx_code five times: invalid_grant each time, then the offer is cancelled (even the right code fails).
        var (token, txCode, offerId) = await KestrelApp.OfferAsync(app);
        for (var i = 0; i < OpenLer.Server.Features.Wallets.OfferService.MaxTxCodeAttempts; i++)
        {
            var wrong = await issuer.TokenAsync(token, txCode == "000000" ? "111111" : "000000");
            Assert.Equal((HttpStatusCode.BadRequest, OAuthErrorCodes.InvalidGrant), (wrong.Status, (string?)wrong.Body["error"]));
        }

        var locked = await issuer.TokenAsync(token, txCode);
        Assert.Equal(OAuthErrorCodes.InvalidGrant, (string?)locked.Body["error"]);
        Assert.Equal("tx-code", (await KestrelApp.FindOfferAsync(app, offerId)).CancelReason);

        // Missing tx_code: invalid_request; a reused pre-authorized code: invalid_grant.
        (token, txCode, offerId) = await KestrelApp.OfferAsync(app);
        Assert.Equal(OAuthErrorCodes.InvalidRequest, (string?)(await issuer.TokenAsync(token, null)).Body["error"]);
        var first = await issuer.TokenAsync(token, txCode);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("no-store", first.Response.Headers.CacheControl?.ToString());
        Assert.NotNull(first.Body["c_nonce"]);
        Assert.Equal(OAuthErrorCodes.InvalidGrant, (string?)(await issuer.TokenAsync(token, txCode)).Body["error"]);

        // An expired offer and a cancelled offer: invalid_grant.
        var (expired, expiredCode, _) = await KestrelApp.OfferAsync(app, 1, TimeSpan.Zero);
        Assert.Equal(OAuthErrorCodes.InvalidGrant, (string?)(await issuer.TokenAsync(expired, expiredCode)).Body["error"]);
        var (cancelled, cancelledCode, cancelledId) = await KestrelApp.OfferAsync(app, 1);
        await app.WithScopeAsync(async s => await s.GetRequiredService<OpenLer.Server.Features.Wallets.OfferService>().CancelAsync(cancelledId, null, null));
        Assert.Equal(OAuthErrorCodes.InvalidGrant, (string?)(await issuer.TokenAsync(cancelled, cancelledCode)).Body["error"]);

        // Unknown grant type, and a value longer than the limit.
        using var other = await app.Client().PostAsync("/orgs/irc/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }));
        Assert.Contains(OAuthErrorCodes.UnsupportedGrantType, await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(OAuthErrorCodes.InvalidRequest, (string?)(await issuer.TokenAsync(new string('a', 5000), "123456")).Body["error"]);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Bad_key_proofs_and_tokens_are_refused_and_nothing_is_issued_twice(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = DemoApp(db);
        var issuer = Client(app);
        var (token, txCode, offerId) = await KestrelApp.OfferAsync(app);
        var accessToken = (string)(await issuer.TokenAsync(token, txCode)).Body["access_token"]!;
        using var holder = KeyPair.Generate(KeyType.Ed25519);
        using var intruder = KeyPair.Generate(KeyType.Ed25519);

        // No token, an unknown token: 401 invalid_token.
        var nonce = await issuer.NonceAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await issuer.CredentialAsync(null, IssuerClient.Request(Ldp, issuer.Proof(holder, nonce)))).Status);
        var unknown = await issuer.CredentialAsync("not-a-token", IssuerClient.Request(Ldp, issuer.Proof(holder, nonce)));
        Assert.Equal((HttpStatusCode.Unauthorized, OAuthErrorCodes.InvalidToken), (unknown.Status, (string?)unknown.Body["error"]));

        // A nonce the issuer never handed out: invalid_nonce. Another key signed the proof, alg none, another audience, an
        // oversized proof: invalid_proof. An unknown configuration: unknown_credential_configuration.
        Assert.Equal(OAuthErrorCodes.InvalidNonce, await ErrorAsync(issuer.Proof(holder, "stale-nonce-never-issued")));
        Assert.Equal(OAuthErrorCodes.InvalidProof, await ErrorAsync(issuer.Proof(holder, await issuer.NonceAsync(), signer: intruder)));
        Assert.Equal(OAuthErrorCodes.InvalidProof, await ErrorAsync(issuer.Proof(holder, await issuer.NonceAsync(), alg: "none")));
        Assert.Equal(OAuthErrorCodes.InvalidProof, await ErrorAsync(issuer.Proof(holder, await issuer.NonceAsync(), audience: "https://other.example")));
        Assert.Equal(OAuthErrorCodes.InvalidProof, await ErrorAsync(issuer.Proof(holder, await issuer.NonceAsync(), padding: new string('x', 9000))));
        var unknownConfiguration = await issuer.CredentialAsync(accessToken, IssuerClient.Request("NoSuchCredential", issuer.Proof(holder, await issuer.NonceAsync())));
        Assert.Equal(OAuthErrorCodes.UnknownCredentialConfiguration, (string?)unknownConfiguration.Body["error"]);
        Assert.Equal(0, await KestrelApp.DeliveredCountAsync(app, offerId));

        // Five requests at once with the same token, each with its own fresh nonce: exactly one credential.
        var proofs = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            proofs.Add(issuer.Proof(holder, await issuer.NonceAsync()));
        }

        var results = await Task.WhenAll(proofs.Select(p => Client(app).CredentialAsync(accessToken, IssuerClient.Request(Ldp, p))));
        Assert.Single(results, r => r.Status == HttpStatusCode.OK);
        Assert.All(results.Where(r => r.Status != HttpStatusCode.OK), r => Assert.Contains((string?)r.Body["error"], new[] { OAuthErrorCodes.InvalidToken, OAuthErrorCodes.CredentialRequestDenied }));
        Assert.Equal(1, await KestrelApp.DeliveredCountAsync(app, offerId));

        // A used nonce is stale: invalid_nonce even with a new token of another offer.
        var (token2, txCode2, offer2) = await KestrelApp.OfferAsync(app, 1);
        var accessToken2 = (string)(await issuer.TokenAsync(token2, txCode2)).Body["access_token"]!;
        var used = proofs.Select(p => p).First(p => results[proofs.IndexOf(p)].Status == HttpStatusCode.OK);
        var stale = await issuer.CredentialAsync(accessToken2, IssuerClient.Request(Ldp, used));
        Assert.Equal(OAuthErrorCodes.InvalidNonce, (string?)stale.Body["error"]);
        Assert.Equal(0, await KestrelApp.DeliveredCountAsync(app, offer2));

        async Task<string?> ErrorAsync(string proof) => (string?)(await issuer.CredentialAsync(accessToken, IssuerClient.Request(Ldp, proof))).Body["error"];
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Concurrent_token_requests_with_one_code_give_one_token(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = DemoApp(db);
        var (token, txCode, _) = await KestrelApp.OfferAsync(app);
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Client(app).TokenAsync(token, txCode)));
        Assert.Single(results, r => r.Status == HttpStatusCode.OK);
        Assert.All(results.Where(r => r.Status != HttpStatusCode.OK), r => Assert.Equal(OAuthErrorCodes.InvalidGrant, (string?)r.Body["error"]));
    }

    [Fact]
    public async Task Metadata_is_served_at_both_well_known_locations_with_every_language()
    {
        using var app = DemoApp(Db.Sqlite);
        var client = app.Client();
        var v1 = JsonNode.Parse(await client.GetStringAsync("/.well-known/openid-credential-issuer/orgs/irc"))!;
        Assert.Equal("https://localhost/orgs/irc", (string?)v1["credential_issuer"]);
        Assert.Equal("https://localhost/orgs/irc/nonce", (string?)v1["nonce_endpoint"]);
        var display = v1["credential_configurations_supported"]![Ldp]!["credential_metadata"]!["display"]!.AsArray();
        Assert.Equal(["en", "es", "ar"], display.Select(d => (string)d!["locale"]!));
        Assert.Equal(OpenLer.Server.Infrastructure.Languages.All.Count, v1["display"]!.AsArray().Count);
        Assert.Equal("dc+sd-jwt", (string?)v1["credential_configurations_supported"]![OpenLerCredentialConfigurations.WorkAuthorizationSdJwt]!["format"]);
        var legacy = JsonNode.Parse(await client.GetStringAsync("/orgs/irc/.well-known/openid-credential-issuer"))!;
        Assert.Equal("vc+sd-jwt", (string?)legacy["credential_configurations_supported"]![OpenLerCredentialConfigurations.WorkAuthorizationSdJwt]!["format"]);
        var oauth = JsonNode.Parse(await client.GetStringAsync("/.well-known/oauth-authorization-server/orgs/irc"))!;
        Assert.Equal("https://localhost/orgs/irc/token", (string?)oauth["token_endpoint"]);
        using var nonce = await client.PostAsync("/orgs/irc/nonce", null);
        Assert.Equal("no-store", nonce.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/.well-known/openid-credential-issuer/orgs/nobody")).StatusCode);
    }
}
