using System.Security.Cryptography;
using System.Text.Json.Nodes;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Dids;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.Protocols;
using OpenLer.Credentials.Protocols.Oid4Vci;
using OpenLer.Credentials.Protocols.Oid4Vp;
using OpenLer.Credentials.Verification;
using OpenLer.Credentials.WorkAuthorization;

namespace OpenLer.Interop.Tests;

/// <summary>
/// OpenID4VCI and OpenID4VP at library level against the OpenWallet Foundation's @openid4vc/openid4vci and
/// @openid4vc/openid4vp 0.4.6 (js/oid4vc-interop.mjs), jose for JWE, and @sd-jwt/sd-jwt-vc 0.19.0: no server involved.
/// </summary>
public sealed class Oid4vcInteropTests : IDisposable
{
    private const string Issuer = "https://cbo.example/issuers/irc-tucson";
    private const string Vct = "https://cbo.example/vct/work-authorization/v1";
    private const string Nonce = "c-nonce-from-the-nonce-endpoint";
    private readonly KeyPair _cbo = KeyPair.Generate(KeyType.Ed25519);
    private readonly KeyPair _employer = KeyPair.Generate(KeyType.Ed25519);
    private readonly KeyPair _holder = KeyPair.Generate(KeyType.Ed25519);
    private readonly RandomNumberGenerator _rng = RandomNumberGenerator.Create();
    private readonly TempFolder _temp = new();

    public void Dispose()
    {
        _cbo.Dispose();
        _employer.Dispose();
        _holder.Dispose();
        _rng.Dispose();
        _temp.Dispose();
    }

    private static CredentialIssuerMetadata Metadata() => new()
    {
        CredentialIssuer = Issuer,
        CredentialEndpoint = Issuer + "/credential",
        NonceEndpoint = Issuer + "/nonce",
        Display = [new("en", "IRC Tucson"), new("ar", "لجنة الإنقاذ الدولية - توسان")],
        Configurations =
        [
            OpenLerCredentialConfigurations.OpenBadgeAsLdpVc(),
            OpenLerCredentialConfigurations.OpenBadgeAsJwtVcJson(["EdDSA"]),
            OpenLerCredentialConfigurations.WorkAuthorization(Vct, ["EdDSA"]),
        ],
    };

    private static async Task<JsonObject> Js(params string[] args)
    {
        var (_, output, error) = await JsReference.RunScriptAsync("oid4vc-interop.mjs", args);
        Assert.False(string.IsNullOrWhiteSpace(output), "no output from oid4vc-interop.mjs: " + error);
        return JsonNode.Parse(output.Trim().Split('\n')[^1])!.AsObject();
    }

    private string Write(string name, JsonNode json) => Write(name, json.ToJsonString());

    private string Write(string name, string text)
    {
        File.WriteAllText(_temp.File(name), text);
        return _temp.File(name);
    }

    [Theory]
    [InlineData("EdDSA", "did", OpenLerCredentialConfigurations.OpenBadgeLdpVc)]
    [InlineData("ES256", "did", OpenLerCredentialConfigurations.OpenBadgeJwtVcJson)]
    [InlineData("ES256", "jwk", OpenLerCredentialConfigurations.WorkAuthorizationSdJwt)]
    [InlineData("EdDSA", "jwk", OpenLerCredentialConfigurations.WorkAuthorizationSdJwt)]
    public async Task Openid4vciKeyProof_IsAcceptedByOurValidator_AndTamperingIsRefused(string alg, string signer, string configurationId)
    {
        JsReference.SkipUnlessAvailable();
        var metadata = Metadata();
        var line = await Js("vci-proof", Write("metadata.json", metadata.ToJson()), configurationId, Nonce, alg, signer);
        Assert.True((bool)line["ok"]!, line.ToJsonString());
        var jwt = (string)line["jwt"]!;
        var validator = new KeyProofValidator(TimeProvider.System);
        var expectations = KeyProofExpectations.For(metadata.Find(configurationId)!, Issuer, n => n == Nonce);

        var accepted = validator.Validate(jwt, expectations);
        Assert.True(accepted.IsSuccess, accepted.Error?.Message);
        var expectedDid = signer == "did" ? (string)line["did"]! : DidJwk.For(PublicKey.FromJwk(line["publicJwk"]!.AsObject()).Value);
        Assert.Equal(expectedDid, accepted.Value.Did);

        var parts = jwt.Split('.');
        var payload = JsonNode.Parse(Credentials.Encodings.Base64Url.Decode(parts[1]).Value)!.AsObject();
        payload["nonce"] = "another";
        var tampered = parts[0] + "." + Credentials.Encodings.Base64Url.Encode(System.Text.Encoding.UTF8.GetBytes(payload.ToJsonString())) + "." + parts[2];
        Assert.Equal(OAuthErrorCodes.InvalidProof, validator.Validate(tampered, expectations).Error?.Code);
        Assert.Equal(OAuthErrorCodes.InvalidNonce, validator.Validate(jwt, expectations with { IsActiveNonce = _ => false }).Error?.Code);
        Assert.Equal(OAuthErrorCodes.InvalidProof, validator.Validate(jwt, expectations with { Audience = "https://other.example" }).Error?.Code);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task OurOfferAndIssuerMetadata_AreResolvedByOpenid4vci(bool byReference)
    {
        JsReference.SkipUnlessAvailable();
        var offer = new CredentialOffer
        {
            CredentialIssuer = Issuer,
            CredentialConfigurationIds = [OpenLerCredentialConfigurations.OpenBadgeLdpVc, OpenLerCredentialConfigurations.WorkAuthorizationSdJwt],
            PreAuthorizedCode = "pre-auth-code-1",
            TxCode = TxCode.Numeric(6, "The code the caseworker read to you"),
        };
        const string offerUrl = "https://cbo.example/offers/o1";
        var urls = new JsonObject
        {
            [offerUrl] = Write("offer.json", offer.ToJson()),
            [IssuerIdentifier.MetadataUrl(Issuer)] = Write("metadata.json", Metadata().ToJson()),
            [IssuerIdentifier.AuthorizationServerMetadataUrl(Issuer)] = Write("as.json", AuthorizationServerMetadata.Build(Issuer, Issuer + "/token")),
        };
        var line = await Js("vci-resolve", byReference ? CredentialOffer.ByReference(offerUrl) : offer.ToUri(), Write("urls.json", urls));
        Assert.True((bool)line["ok"]!, line.ToJsonString());
        Assert.Equal(Issuer, (string?)line["issuer"]);
        Assert.Equal("pre-auth-code-1", (string?)line["preAuthorizedCode"]);
        Assert.Equal(6, (int)line["txCode"]!["length"]!);
        Assert.Equal("numeric", (string?)line["txCode"]!["input_mode"]);
        Assert.Equal(Issuer + "/nonce", (string?)line["nonceEndpoint"]);
        Assert.Equal(Issuer + "/token", (string?)line["tokenEndpoints"]![0]);
        Assert.Equal("ldp_vc", (string?)line["formats"]![OpenLerCredentialConfigurations.OpenBadgeLdpVc]);
        Assert.Equal("jwt_vc_json", (string?)line["formats"]![OpenLerCredentialConfigurations.OpenBadgeJwtVcJson]);
        Assert.Equal("dc+sd-jwt", (string?)line["formats"]![OpenLerCredentialConfigurations.WorkAuthorizationSdJwt]);
    }

    private VerifierTransaction Transaction(string mode, bool signed) => VerifierTransaction.Create(
        signed ? ClientIdentifier.ForDid(_employer.PublicKey.ToDidKey()) : ClientIdentifier.ForRedirectUri("https://employer.example/oid4vp/response/t1"),
        "https://employer.example/oid4vp/response/t1",
        DcqlQuery.Parse(new JsonObject
        {
            ["credentials"] = new JsonArray(
                new DcqlCredentialQuery { Id = "badge", Format = "ldp_vc", TypeValues = [CredentialTypes.OpenBadgeCredential] }.ToJson(),
                new DcqlCredentialQuery
                {
                    Id = "work",
                    Format = "dc+sd-jwt",
                    VctValues = [WorkAuthorizationCredential.VctFor("cbo.example")],
                    Claims = [new DcqlClaimQuery(null, ClaimsPath.Of("authorized_to_work"), []), new DcqlClaimQuery(null, ClaimsPath.Of("valid_until"), [])],
                }.ToJson()),
        }).Value,
        mode,
        new ProtocolRandom(_rng));

    private string EmployerKid => _employer.PublicKey.ToDidKey() + "#" + _employer.PublicKey.ToMultibase();

    [Fact]
    public async Task OurSignedRequestObject_IsResolvedByOpenid4vp_AndAForgedOneIsRefused()
    {
        JsReference.SkipUnlessAvailable();
        var transaction = Transaction(ResponseModes.DirectPostJwt, signed: true);
        const string requestUri = "https://employer.example/oid4vp/request/t1";
        var link = AuthorizationRequest.ByReferenceUri(transaction.Request.ClientId.Value, requestUri);
        var jwt = transaction.Request.SignRequestObject(_employer, EmployerKid, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(10));
        var line = await Js("vp-resolve", link, Write("urls.json", new JsonObject { [requestUri] = Write("request.jwt", jwt) }));
        Assert.True((bool)line["ok"]!, line.ToJsonString());
        Assert.Equal(transaction.Request.ClientId.Value, (string?)line["clientId"]);
        Assert.Equal("decentralized_identifier", (string?)line["client"]!["prefix"]);
        Assert.Equal(EmployerKid, (string?)line["signedBy"]!["didUrl"]);
        Assert.Equal(transaction.Request.Nonce, (string?)line["nonce"]);
        Assert.Equal("direct_post.jwt", (string?)line["responseMode"]);
        Assert.Equal(100, (int)line["version"]!);
        Assert.Equal(["badge", "work"], line["dcql"]!["credentials"]!.AsArray().Select(c => (string)c!["id"]!));

        using var stranger = KeyPair.Generate(KeyType.Ed25519);
        var parts = jwt.Split('.');
        var forged = parts[0] + "." + parts[1] + "." + Credentials.Encodings.Base64Url.Encode(stranger.Sign(System.Text.Encoding.ASCII.GetBytes(parts[0] + "." + parts[1])));
        var refused = await Js("vp-resolve", link, Write("urls2.json", new JsonObject { [requestUri] = Write("forged.jwt", forged) }));
        Assert.False((bool)refused["ok"]!, refused.ToJsonString());
    }

    [Fact]
    public async Task OurUnsignedRedirectUriRequest_IsResolvedByOpenid4vp()
    {
        JsReference.SkipUnlessAvailable();
        var transaction = Transaction(ResponseModes.DirectPost, signed: false);
        var line = await Js("vp-resolve", transaction.Request.ToUnsignedUri(), Write("urls.json", new JsonObject()));
        Assert.True((bool)line["ok"]!, line.ToJsonString());
        Assert.Equal("redirect_uri", (string?)line["client"]!["prefix"]);
        Assert.Equal("null", JsonValueKind(line["signedBy"]));
    }

    private static string JsonValueKind(JsonNode? node) => node is null ? "null" : node.GetValueKind().ToString();

    /// <summary>Our wallet's presentations for the transaction: a VP of an OB 3.0 credential and the work-authorization SD-JWT.</summary>
    private JsonObject Presentations(AuthorizationRequest request)
    {
        var holderDid = _holder.PublicKey.ToDidKey();
        var badge = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"),
            ["id"] = "urn:uuid:" + Guid.NewGuid(),
            ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
            ["name"] = "Job Readiness",
            ["issuer"] = new JsonObject { ["id"] = _cbo.PublicKey.ToDidKey(), ["type"] = new JsonArray("Profile"), ["name"] = "IRC Tucson" },
            ["validFrom"] = "2026-01-15T00:00:00Z",
            ["credentialSubject"] = new JsonObject
            {
                ["id"] = holderDid,
                ["type"] = new JsonArray("AchievementSubject"),
                ["achievement"] = new JsonObject { ["id"] = "https://cbo.example/a/1", ["type"] = new JsonArray("Achievement"), ["name"] = "Job Readiness", ["criteria"] = new JsonObject { ["narrative"] = "Completed." } },
            },
        };
        var signed = new DataIntegritySigner().Sign(badge, _cbo, new ProofOptions
        {
            Cryptosuite = "eddsa-rdfc-2022",
            VerificationMethod = _cbo.PublicKey.ToDidKey() + "#" + _cbo.PublicKey.ToMultibase(),
        }).Value;
        var builder = new WalletResponseBuilder(TimeProvider.System);
        var vp = builder.PresentLdpVc(signed, _holder, holderDid, holderDid + "#" + _holder.PublicKey.ToMultibase(), request).Value;
        var sdJwt = WorkAuthorizationCredential.Issue(new WorkAuthorizationClaims
        {
            AuthorizedToWork = true,
            ValidUntil = DateOnly.FromDateTime(DateTime.UnixEpoch).AddYears(60),
            DocumentSeenAt = DateTimeOffset.UtcNow.AddDays(-1),
            ANumber = "A123456789",
        }, "cbo.example", _cbo, _cbo.PublicKey.ToDidKey(), _cbo.PublicKey.ToDidKey() + "#" + _cbo.PublicKey.ToMultibase(), _holder.PublicKey, _rng, DateTimeOffset.UtcNow).Value.Compact;
        var presented = builder.PresentSdJwt(sdJwt, WalletResponseBuilder.ClaimsToDisclose(request.Query.Find("work")!), _holder, request).Value;
        return new JsonObject { ["badge"] = new JsonArray(vp), ["work"] = new JsonArray(presented) };
    }

    [Fact]
    public async Task Openid4vpEncryptedResponse_IsDecryptedAndAcceptedByUs()
    {
        JsReference.SkipUnlessAvailable();
        var transaction = Transaction(ResponseModes.DirectPostJwt, signed: true);
        var line = await Js("vp-respond", Write("request.json", transaction.Request.ToJson()), Write("vp_token.json", Presentations(transaction.Request)));
        Assert.True((bool)line["ok"]!, line.ToJsonString());
        var form = FormParameters.From([new("response", (string)line["response"]!)], AuthorizationResponse.MaxValueLength).Value;
        var response = AuthorizationResponse.Parse(form, transaction);
        Assert.True(response.IsSuccess, response.Error?.Message);
        var result = await new VpTokenValidator(new CredentialVerifierOptions()).ValidateAsync(response.Value, transaction.Request, TestContext.Current.CancellationToken);
        Assert.True(result.Accepted, result.ToString() + " / " + string.Join("; ", result.Presentations.Select(p => p.FirstProblem?.Message)));
    }

    [Fact]
    public async Task OurEncryptedResponse_IsDecryptedByJose()
    {
        JsReference.SkipUnlessAvailable();
        var transaction = Transaction(ResponseModes.DirectPostJwt, signed: true);
        var token = Presentations(transaction.Request);
        var form = WalletResponseBuilder.BuildResponse(transaction.Request, token).Value;
        var line = await Js("vp-decrypt", Write("response.jwe", form["response"]), Write("key.json", transaction.EncryptionPrivateJwk!));
        Assert.True((bool)line["ok"]!, line.ToJsonString());
        Assert.Equal("ECDH-ES", (string?)line["header"]!["alg"]);
        Assert.Equal("A128GCM", (string?)line["header"]!["enc"]);
        Assert.Equal(transaction.Request.State, (string?)line["payload"]!["state"]);
        Assert.True(JsonNode.DeepEquals(token, line["payload"]!["vp_token"]));
    }

    [Fact]
    public async Task OurWalletSdJwtWithKeyBinding_VerifiesInSdJwtVc()
    {
        JsReference.SkipUnlessAvailable();
        var transaction = Transaction(ResponseModes.DirectPost, signed: true);
        var presented = (string)Presentations(transaction.Request)["work"]![0]!;
        var (_, output, error) = await JsReference.RunAsync("sdjwt-verify", Write("p.sdjwt", presented), "--nonce", transaction.Request.Nonce);
        var line = JsonNode.Parse(output.Trim().Split('\n')[^1])!;
        Assert.True((bool)line["verified"]!, line.ToJsonString() + error);
        Assert.Equal(transaction.Request.ClientId.Value, (string?)line["kb"]!["aud"]);
        Assert.True((bool)line["claims"]!["authorized_to_work"]!);
        Assert.Null(line["claims"]!["a_number"]);

        var (_, wrong, _) = await JsReference.RunAsync("sdjwt-verify", _temp.File("p.sdjwt"), "--nonce", "another-nonce");
        Assert.False((bool)JsonNode.Parse(wrong.Trim().Split('\n')[^1])!["verified"]!);
    }
}
