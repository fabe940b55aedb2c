using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.Protocols.VcApi;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Credentials.Verification;

namespace OpenLer.Credentials.Tests.Protocols;

public sealed class VcApiTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private const string Challenge = "z19uMCiPNET4YbcPpBcab5mEE";
    private const string Domain = "https://cbo.example";
    private readonly KeyPair _holder = KeyPair.Generate(KeyType.Ed25519);
    private readonly KeyPair _other = KeyPair.Generate(KeyType.Ed25519);
    private readonly PresentationVerifier _verifier = new(new CredentialVerifier(new CredentialVerifierOptions { TimeProvider = new FakeTimeProvider(Now) }));

    public void Dispose()
    {
        _holder.Dispose();
        _other.Dispose();
    }

    /// <summary>A DID-authentication presentation as the DCC wallet makes it: VC 1.1 context, holder did:key, Ed25519Signature2020.</summary>
    private JsonObject DidAuth(string challenge = Challenge, string domain = Domain, string purpose = "authentication", KeyPair? signer = null, string suite = "Ed25519Signature2020")
    {
        var did = _holder.PublicKey.ToDidKey();
        var presentation = new JsonObject
        {
            ["@context"] = new JsonArray(suite == "Ed25519Signature2020" ? "https://www.w3.org/2018/credentials/v1" : "https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiablePresentation"),
            ["holder"] = did,
        };
        var key = signer ?? _holder;
        return new DataIntegritySigner(Cryptosuites.Default, new FakeTimeProvider(Now)).Sign(presentation, key, new ProofOptions
        {
            Cryptosuite = suite,
            VerificationMethod = key.PublicKey.ToDidKey() + "#" + key.PublicKey.ToMultibase(),
            ProofPurpose = purpose,
            Challenge = challenge,
            Domain = domain,
        }).Value;
    }

    [Theory]
    [InlineData("Ed25519Signature2020")]
    [InlineData("eddsa-rdfc-2022")]
    public async Task DidAuthentication_ReturnsTheHolderDid(string suite)
    {
        var result = await _verifier.VerifyDidAuthenticationAsync(DidAuth(suite: suite), Challenge, Domain, TestContext.Current.CancellationToken);
        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(_holder.PublicKey.ToDidKey(), result.Value);
    }

    public static TheoryData<string, string> Refused => new()
    {
        { "another challenge", Common.ErrorCodes.InvalidChallenge },
        { "another domain", Common.ErrorCodes.InvalidDomain },
        { "assertionMethod purpose", Common.ErrorCodes.MismatchedProofPurpose },
        { "signed by another DID", Common.ErrorCodes.VerificationMethodNotControlledByIssuer },
        { "changed after signing", Common.ErrorCodes.ProofVerification },
        { "no holder", Common.ErrorCodes.MalformedValue },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task BadDidAuthentication_IsRefused(string what, string code)
    {
        var vp = what switch
        {
            "another challenge" => DidAuth(challenge: "other"),
            "another domain" => DidAuth(domain: "https://evil.example"),
            "assertionMethod purpose" => DidAuth(purpose: "assertionMethod"),
            "signed by another DID" => DidAuth(signer: _other),
            "changed after signing" => Edit(DidAuth(), vp => vp["holder"] = _other.PublicKey.ToDidKey()),
            _ => Edit(DidAuth(), vp => vp.Remove("holder")),
        };
        var result = await _verifier.VerifyDidAuthenticationAsync(vp, Challenge, Domain, TestContext.Current.CancellationToken);
        Assert.False(result.IsSuccess, what);
        Assert.Equal(code, result.Error.Code);
    }

    private static JsonObject Edit(JsonObject json, Action<JsonObject> edit)
    {
        edit(json);
        return json;
    }

    [Fact]
    public void InteractionProtocols_OfferVcApiAndOpenId4Vci_UnderTheVcalmNames()
    {
        var json = InteractionProtocols.Build("https://cbo.example/exchanges/x1", "openid-credential-offer://?credential_offer_uri=u");
        var protocols = json["protocols"]!.AsObject();
        Assert.Equal("https://cbo.example/exchanges/x1", (string?)protocols["vcapi"]);
        Assert.Equal("openid-credential-offer://?credential_offer_uri=u", (string?)protocols["oid4vci-1.0"]);
        Assert.Equal("openid-credential-offer://?credential_offer_uri=u", (string?)protocols["OID4VCI"]);
        Assert.Equal("https://cbo.example/i/abc?iuv=1", InteractionProtocols.InteractionUrl("https://cbo.example/i/abc"));
        Assert.Equal("https://cbo.example/i?x=1&iuv=1", InteractionProtocols.InteractionUrl("https://cbo.example/i?x=1"));
    }

    [Fact]
    public void DccRequestLink_CarriesOriginAndExchange_AsTheDccWalletReadsIt()
    {
        var link = DccRequestLink.Build("https://cbo.example", "https://cbo.example/exchanges/x1");
        Assert.StartsWith("dccrequest://request?request=%7B%22credentialRequestOrigin%22", link, StringComparison.Ordinal);
        var request = JsonNode.Parse(Uri.UnescapeDataString(link[DccRequestLink.Prefix.Length..]))!;
        Assert.Equal("https://cbo.example", (string?)request["credentialRequestOrigin"]);
        Assert.Equal("https://cbo.example/exchanges/x1", (string?)request["protocols"]!["vcapi"]);
        Assert.Equal(("https://cbo.example", "https://cbo.example/exchanges/x1"), DccRequestLink.Parse(link).Value);
        Assert.False(DccRequestLink.Parse("dccrequest://request?request=%7B%7D").IsSuccess);
    }

    [Fact]
    public void ExchangeMessages_FollowTheDccWalletSteps()
    {
        var vpr = ExchangeMessages.DidAuthenticationRequest(Challenge, Domain)["verifiablePresentationRequest"]!;
        Assert.Equal("DIDAuthentication", (string?)vpr["query"]![0]!["type"]);
        Assert.Equal(Challenge, (string?)vpr["challenge"]);
        Assert.Equal(Domain, (string?)vpr["domain"]);

        Assert.Null(ExchangeMessages.ParseWalletMessage("{}").Value);
        Assert.Null(ExchangeMessages.ParseWalletMessage("").Value);
        Assert.NotNull(ExchangeMessages.ParseWalletMessage("""{"verifiablePresentation":{"type":"VerifiablePresentation"}}""").Value);
        Assert.False(ExchangeMessages.ParseWalletMessage("""{"verifiablePresentation":{},"x":1}""").IsSuccess);
        Assert.False(ExchangeMessages.ParseWalletMessage("""{"verifiablePresentation":"x"}""").IsSuccess);
        Assert.False(ExchangeMessages.ParseWalletMessage("[").IsSuccess);
        Assert.False(ExchangeMessages.ParseWalletMessage("{\"verifiablePresentation\":{\"x\":\"" + new string('a', 300_000) + "\"}}").IsSuccess);

        var credential = TestCredentials.OpenBadge("did:key:z6Mk");
        var delivery = ExchangeMessages.Delivery([credential]);
        Assert.Equal(credential["id"]!.GetValue<string>(), (string?)delivery["verifiablePresentation"]!["verifiableCredential"]![0]!["id"]);
        Assert.Equal("https://www.w3.org/ns/credentials/v2", (string?)delivery["verifiablePresentation"]!["@context"]![0]);
    }

    [Fact]
    public void VcApiRequests_AreParsedAsTheW3cSuitesSendThem()
    {
        var issue = IssueCredentialRequest.Parse("""{"credential":{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"]},"options":{"credentialId":"urn:x"}}""");
        Assert.True(issue.IsSuccess, issue.Error?.Message);
        Assert.Equal("urn:x", issue.Value.CredentialId);
        Assert.False(IssueCredentialRequest.Parse("""{"credential":{"proof":{}}}""").IsSuccess);
        Assert.False(IssueCredentialRequest.Parse("""{"credential":{},"options":{"unknown":1}}""").IsSuccess);
        Assert.False(IssueCredentialRequest.Parse("""{"credential":"x"}""").IsSuccess);
        Assert.False(IssueCredentialRequest.Parse("""{"credential":{},"options":{"mandatoryPointers":["/issuer"]}}""").IsSuccess);

        var verify = VerifyCredentialRequest.Parse("""{"verifiableCredential":"a.b.c","options":{"returnCredential":true}}""");
        Assert.True(verify.IsSuccess);
        Assert.True(verify.Value.ReturnCredential);
        Assert.False(VerifyCredentialRequest.Parse("""{"verifiableCredential":42}""").IsSuccess);

        var presentation = VerifyPresentationRequest.Parse("""{"verifiablePresentation":{"type":"VerifiablePresentation"},"options":{"challenge":"c","domain":"d","other":true}}""");
        Assert.True(presentation.IsSuccess);
        Assert.Equal(("c", "d"), (presentation.Value.Challenge, presentation.Value.Domain));
        Assert.False(VerifyPresentationRequest.Parse("""{"verifiablePresentation":[]}""").IsSuccess);
    }

    [Fact]
    public async Task VerifyResults_ReportProblemsWithStableTypes()
    {
        var verifier = new CredentialVerifier(new CredentialVerifierOptions { TimeProvider = new FakeTimeProvider(Now) });
        var credential = TestCredentials.SignedOpenBadge(_holder);
        credential["name"] = "changed";
        var request = VerifyCredentialRequest.Parse(new JsonObject { ["verifiableCredential"] = credential }.ToJsonString()).Value;
        var result = VcApiResults.ForCredential(await verifier.VerifyJsonAsync(credential, TestContext.Current.CancellationToken), request);
        Assert.False((bool)result["verified"]!);
        Assert.Contains(result["problemDetails"]!.AsArray(), p => (string?)p!["type"] == "https://w3id.org/security#PROOF_VERIFICATION_ERROR");

        var vp = DidAuth();
        var presentationRequest = VerifyPresentationRequest.Parse(new JsonObject { ["verifiablePresentation"] = vp, ["options"] = new JsonObject { ["challenge"] = Challenge, ["domain"] = Domain } }.ToJsonString()).Value;
        var verified = await _verifier.VerifyAsync(vp, new PresentationExpectations { Challenge = presentationRequest.Challenge, Domain = presentationRequest.Domain, AllowEmpty = true }, TestContext.Current.CancellationToken);
        var json = VcApiResults.ForPresentation(verified, presentationRequest);
        Assert.True((bool)json["verified"]!, json.ToJsonString());
        Assert.Empty(json["problemDetails"]!.AsArray());
    }
}
