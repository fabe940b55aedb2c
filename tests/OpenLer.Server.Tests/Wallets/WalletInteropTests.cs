using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.Protocols.Oid4Vci;

namespace OpenLer.Server.Tests.Wallets;

/// <summary>
/// Real wallets against the app on Kestrel: @openid4vc/openid4vci 0.4.6 (OpenID4VCI 1.0) for each configuration,
/// @sphereon/oid4vci-client 0.16.0 (draft 13), the shared peer wallet (`oid4vci-wallet.mjs --protocol 1.0|draft13`) on the
/// demo offer printed at start-up, and a VC-API exchange client written here that follows the DCC wallet's steps. Every
/// received credential is verified by the peer harness's engines: @digitalcredentials/verifier-core (and @digitalbazaar/vc)
/// for ldp_vc, jose for jwt_vc_json; the offer records the wallet that received it.
/// </summary>
public sealed partial class WalletInteropTests(KestrelApp fixture) : IClassFixture<KestrelApp>
{
    private static async Task<string> WriteAsync(string name, string text)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("openler-received").FullName, name);
        await File.WriteAllTextAsync(file, text);
        return file;
    }

    private static async Task AssertPeerVerifiesAsync(JsonNode credential, string format)
    {
        var file = await WriteAsync(format == "ldp_vc" ? "credential.json" : "credential.jwt", credential is JsonValue v ? (string)v! : credential.ToJsonString());
        var line = await NodeTools.PeerVerifyAsync(file);
        Assert.True((bool)line["verified"]!, line.ToJsonString());
        if (format == "ldp_vc")
        {
            Assert.True((bool)line["checks"]!["engines"]!["verifier-core"]!["verified"]!, "verifier-core: " + line.ToJsonString());
        }
    }

    [Theory]
    [InlineData(OpenLerCredentialConfigurations.OpenBadgeLdpVc, "EdDSA", "did")]
    [InlineData(OpenLerCredentialConfigurations.OpenBadgeLdpVc, "ES256", "jwk")]
    [InlineData(OpenLerCredentialConfigurations.OpenBadgeJwtVcJson, "ES256", "did")]
    [InlineData(OpenLerCredentialConfigurations.OpenBadgeJwtVcJson, "EdDSA", "did")]
    public async Task Openid4vci_wallet_1_0_receives_each_configuration_and_the_offer_records_it(string configuration, string alg, string signer)
    {
        NodeTools.SkipUnlessAvailable();
        var (token, txCode, offerId) = await fixture.OfferAsync();
        var (_, output, error) = await NodeTools.RunAsync("oid4vci-wallet-v1.mjs",
            [fixture.OfferUri(token), "--tx-code", txCode, "--alg", alg, "--signer", signer, "--config", configuration]);
        var line = NodeTools.LastLine(output, error);
        Assert.True((bool)line["ok"]!, line.ToJsonString() + error);
        var received = line["credentials"]!.AsArray().Single()!;
        var format = configuration == OpenLerCredentialConfigurations.OpenBadgeLdpVc ? "ldp_vc" : "jwt_vc_json";
        Assert.Equal(format, (string?)received["format"]);
        await AssertPeerVerifiesAsync(received["credential"]!, format);

        var offer = await fixture.FindOfferAsync(offerId);
        Assert.NotNull(offer.DeliveredAt);
        Assert.Equal("oid4vci-1.0", offer.ReceivedProtocol);
        Assert.Equal(format, offer.ReceivedFormat);
        Assert.StartsWith(signer == "did" ? "did:key:" : "did:jwk:", offer.ReceivedByDid, StringComparison.Ordinal);
        if (signer == "did")
        {
            Assert.Equal((string)line["holder"]!["did"]!, offer.ReceivedByDid);
        }

        // The same offer cannot deliver again.
        var (_, again, againError) = await NodeTools.RunAsync("oid4vci-wallet-v1.mjs", [fixture.OfferUri(token), "--tx-code", txCode, "--config", configuration]);
        Assert.False((bool)NodeTools.LastLine(again, againError)["ok"]!);
    }

    [Theory]
    [InlineData(OpenLerCredentialConfigurations.OpenBadgeLdpVc, "EdDSA")]
    [InlineData(OpenLerCredentialConfigurations.OpenBadgeJwtVcJson, "ES256")]
    public async Task Sphereon_draft_13_client_receives_a_credential(string configuration, string alg)
    {
        NodeTools.SkipUnlessAvailable();
        var (token, txCode, offerId) = await fixture.OfferAsync();
        var (_, output, error) = await NodeTools.RunAsync("oid4vci-wallet-draft13.mjs", [fixture.OfferUri(token), "--tx-code", txCode, "--alg", alg, "--config", configuration]);
        var line = NodeTools.LastLine(output, error);
        Assert.True((bool)line["ok"]!, line.ToJsonString() + error);
        var format = (string)line["format"]!;
        await AssertPeerVerifiesAsync(line["credential"]!, format);
        Assert.Equal("oid4vci-draft13", (await fixture.FindOfferAsync(offerId)).ReceivedProtocol);
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("draft13")]
    public async Task Peer_wallet_receives_the_demo_credential_printed_at_start_up(string protocol)
    {
        var peer = NodeTools.Peer();
        var text = await fixture.DemoTextAsync();
        var offerUri = OfferLine().Match(text).Groups[1].Value;
        var txCode = TxCodeLine().Match(text).Groups[1].Value;
        Assert.StartsWith("openid-credential-offer://?credential_offer_uri=", offerUri, StringComparison.Ordinal);
        Assert.Matches("^[0-9]{6}$", txCode);
        Assert.Contains(fixture.BaseUrl + "/w/", text, StringComparison.Ordinal);

        var file = Path.Combine(Directory.CreateTempSubdirectory("openler-peer-received").FullName, "received.json");
        var (exit, output, error) = await NodeTools.RunAsync("oid4vci-wallet.mjs", [offerUri, "--tx-code", txCode, "--protocol", protocol, "--out", file], peer);
        Assert.True(exit == 0, $"exit {exit}: {output} {error}");
        var line = NodeTools.LastLine(output, error);
        Assert.Equal(protocol, (string?)line["summary"]!["protocol"]);
        Assert.True((bool)line["verification"]!["verified"]!, line.ToJsonString());
    }

    [Fact]
    public async Task Vcapi_exchange_as_the_dcc_wallet_runs_it_delivers_a_credential_verifier_core_accepts()
    {
        NodeTools.SkipUnlessAvailable();
        var (token, _, offerId) = await fixture.OfferAsync(1);

        // 1. The interaction URL, asked for JSON, names the exchange (vcapi) and the OpenID4VCI offer.
        using var interaction = new HttpRequestMessage(HttpMethod.Get, $"/w/{token}?iuv=1");
        interaction.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var protocols = JsonNode.Parse(await (await fixture.Http.SendAsync(interaction)).Content.ReadAsStringAsync())!["protocols"]!;
        var exchange = (string)protocols["vcapi"]!;
        Assert.Equal(fixture.OfferUri(token), (string?)protocols["oid4vci-1.0"]);
        Assert.Equal(fixture.OfferUri(token), (string?)protocols["OID4VCI"]);

        // 2. POST {} -> a DIDAuthentication request with a challenge and this deployment's domain.
        var request = await PostJsonAsync(exchange, "{}");
        var vpr = request["verifiablePresentationRequest"]!;
        Assert.Equal("DIDAuthentication", (string?)vpr["query"]![0]!["type"]);
        var challenge = (string)vpr["challenge"]!;
        var domain = (string)vpr["domain"]!;

        // 3. POST the DID authentication as the DCC wallet signs it (VC 1.1, Ed25519Signature2020, did:key).
        using var holder = KeyPair.Generate(KeyType.Ed25519);
        var did = holder.PublicKey.ToDidKey();
        var vp = DidAuthentication(holder, challenge, domain);
        var delivered = await PostJsonAsync(exchange, new JsonObject { ["verifiablePresentation"] = vp }.ToJsonString());
        var credential = delivered["verifiablePresentation"]!["verifiableCredential"]![0]!.AsObject();
        Assert.Equal(did, CredentialFields.SubjectId(credential));
        Assert.NotNull(credential["credentialStatus"]);
        Assert.Equal("eddsa-rdfc-2022", (string?)credential["proof"]!["cryptosuite"]);
        await AssertPeerVerifiesAsync(credential, "ldp_vc");

        var offer = await fixture.FindOfferAsync(offerId);
        Assert.Equal(("vcapi", did), (offer.ReceivedProtocol, offer.ReceivedByDid));

        // The exchange is over: the same presentation, or a new start, is refused.
        using var replay = await fixture.Http.PostAsync(exchange, new StringContent(new JsonObject { ["verifiablePresentation"] = vp.DeepClone() }.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.Gone, replay.StatusCode);
    }

    private async Task<JsonObject> PostJsonAsync(string url, string body)
    {
        using var response = await fixture.Http.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    internal static JsonObject DidAuthentication(KeyPair holder, string challenge, string domain, string suite = "Ed25519Signature2020")
    {
        var did = holder.PublicKey.ToDidKey();
        var presentation = new JsonObject
        {
            ["@context"] = new JsonArray(suite == "Ed25519Signature2020" ? "https://www.w3.org/2018/credentials/v1" : "https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiablePresentation"),
            ["holder"] = did,
        };
        return new DataIntegritySigner().Sign(presentation, holder, new ProofOptions
        {
            Cryptosuite = suite,
            VerificationMethod = did + "#" + holder.PublicKey.ToMultibase(),
            ProofPurpose = "authentication",
            Challenge = challenge,
            Domain = domain,
        }).Value;
    }

    [GeneratedRegex(@"OpenID4VCI offer: (\S+)")]
    private static partial Regex OfferLine();

    [GeneratedRegex(@"Transaction code \(tx_code\): ([0-9]+)")]
    private static partial Regex TxCodeLine();
}
