using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OpenLer.Credentials.Dids;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.Protocols;
using OpenLer.Credentials.Protocols.Oid4Vp;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Credentials.Verification;
using OpenLer.Credentials.WorkAuthorization;

namespace OpenLer.Credentials.Tests.Protocols;

/// <summary>
/// The whole OpenID4VP exchange in the library: the employer's signed request (decentralized_identifier) or unsigned one
/// (redirect_uri), our wallet resolving and answering it, and the verifier decrypting and validating the answer.
/// </summary>
public sealed class Oid4VpFlowTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private const string ResponseUri = "https://employer.example/oid4vp/response/t1";
    private readonly FakeTimeProvider _time = new(Now);
    private readonly KeyPair _employer = KeyPair.Generate(KeyType.Ed25519);
    private readonly KeyPair _cbo = KeyPair.Generate(KeyType.Ed25519);
    private readonly KeyPair _holder = KeyPair.Generate(KeyType.Ed25519);
    private readonly KeyPair _stranger = KeyPair.Generate(KeyType.Ed25519);
    private readonly RandomNumberGenerator _rng = RandomNumberGenerator.Create();

    public void Dispose()
    {
        _employer.Dispose();
        _cbo.Dispose();
        _holder.Dispose();
        _stranger.Dispose();
        _rng.Dispose();
    }

    private string EmployerDid => _employer.PublicKey.ToDidKey();

    private string EmployerKid => EmployerDid + "#" + _employer.PublicKey.ToMultibase();

    private string HolderDid => _holder.PublicKey.ToDidKey();

    private static DcqlQuery Query() => DcqlQuery.Parse(new JsonObject
    {
        ["credentials"] = new JsonArray(
            new DcqlCredentialQuery
            {
                Id = "badge",
                Format = "ldp_vc",
                TypeValues = [CredentialTypes.OpenBadgeCredential],
                Claims = [new DcqlClaimQuery(null, ClaimsPath.Of("credentialSubject", "achievement", "name"), [])],
            }.ToJson(),
            new DcqlCredentialQuery
            {
                Id = "work",
                Format = "dc+sd-jwt",
                VctValues = [WorkAuthorizationCredential.VctFor("cbo.example")],
                Claims = [new DcqlClaimQuery(null, ClaimsPath.Of("authorized_to_work"), [JsonValue.Create(true)!]), new DcqlClaimQuery(null, ClaimsPath.Of("valid_until"), [])],
            }.ToJson()),
    }).Value;

    private VerifierTransaction Transaction(string mode, bool signed = true, DcqlQuery? query = null) => VerifierTransaction.Create(
        signed ? ClientIdentifier.ForDid(EmployerDid) : ClientIdentifier.ForRedirectUri(ResponseUri), ResponseUri, query ?? Query(), mode, new ProtocolRandom(_rng));

    private JsonObject Badge(string? subject = null)
    {
        var unsigned = TestCredentials.OpenBadge(_cbo.PublicKey.ToDidKey());
        unsigned["credentialSubject"]!["id"] = subject ?? HolderDid;
        return TestCredentials.Sign(unsigned, _cbo, suite: "eddsa-rdfc-2022");
    }

    private string WorkAuthorization() => WorkAuthorizationCredential.Issue(new WorkAuthorizationClaims
    {
        AuthorizedToWork = true,
        ValidUntil = new DateOnly(2027, 6, 30),
        DocumentSeenAt = Now.AddDays(-2),
        Category = "A03",
        ANumber = "A123456789",
    }, "cbo.example", _cbo, _cbo.PublicKey.ToDidKey(), _cbo.PublicKey.ToDidKey() + "#" + _cbo.PublicKey.ToMultibase(), _holder.PublicKey, _rng, Now.AddDays(-1)).Value.Compact;

    private CredentialVerifierOptions VerifierOptions => new() { TimeProvider = _time };

    /// <summary>The wallet side: link → request object → verified request → presentations → form.</summary>
    private async Task<IReadOnlyDictionary<string, string>> WalletAnswers(VerifierTransaction transaction, Func<AuthorizationRequest, JsonObject>? vpToken = null)
    {
        var request = await WalletResolves(transaction);
        Assert.True(request.IsSuccess, request.Error?.Message);
        var builder = new WalletResponseBuilder(_time);
        var token = vpToken?.Invoke(request.Value) ?? DefaultToken(request.Value, builder);
        var form = WalletResponseBuilder.BuildResponse(request.Value, token);
        Assert.True(form.IsSuccess, form.Error?.Message);
        return form.Value;
    }

    private JsonObject DefaultToken(AuthorizationRequest request, WalletResponseBuilder builder)
    {
        var vp = builder.PresentLdpVc(Badge(), _holder, HolderDid, HolderDid + "#" + _holder.PublicKey.ToMultibase(), request);
        Assert.True(vp.IsSuccess, vp.Error?.Message);
        var sd = builder.PresentSdJwt(WorkAuthorization(), WalletResponseBuilder.ClaimsToDisclose(request.Query.Find("work")!), _holder, request);
        Assert.True(sd.IsSuccess, sd.Error?.Message);
        return new JsonObject { ["badge"] = new JsonArray(vp.Value), ["work"] = new JsonArray(sd.Value) };
    }

    private async Task<Common.Outcome<AuthorizationRequest>> WalletResolves(VerifierTransaction transaction)
    {
        var request = transaction.Request;
        if (!request.ClientId.RequiresSignedRequest)
        {
            return WalletRequestVerifier.VerifyUnsigned(AuthorizationRequestUri.Parse(request.ToUnsignedUri()).Value);
        }

        var link = AuthorizationRequestUri.Parse(AuthorizationRequest.ByReferenceUri(request.ClientId.Value, "https://employer.example/oid4vp/request/t1")).Value;
        Assert.True(link.IsByReference);
        var jwt = request.SignRequestObject(_employer, EmployerKid, Now, TimeSpan.FromMinutes(10));
        return await new WalletRequestVerifier(DidResolver.Offline, _time).VerifyRequestObjectAsync(jwt, link.ClientId, TestContext.Current.CancellationToken);
    }

    private async Task<PresentationResponseResult> VerifierReceives(VerifierTransaction transaction, IReadOnlyDictionary<string, string> form)
    {
        var parameters = FormParameters.From(form.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)), AuthorizationResponse.MaxValueLength).Value;
        var response = AuthorizationResponse.Parse(parameters, transaction);
        Assert.True(response.IsSuccess, response.Error?.Message);
        return await new VpTokenValidator(VerifierOptions).ValidateAsync(response.Value, transaction.Request, TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData(ResponseModes.DirectPostJwt, true)]
    [InlineData(ResponseModes.DirectPost, true)]
    [InlineData(ResponseModes.DirectPost, false)]
    [InlineData(ResponseModes.DirectPostJwt, false)]
    public async Task WalletAnswer_IsAcceptedByTheVerifier(string mode, bool signed)
    {
        var transaction = Transaction(mode, signed);
        var form = await WalletAnswers(transaction);
        Assert.Equal(mode == ResponseModes.DirectPostJwt, form.ContainsKey("response"));
        Assert.Equal(mode == ResponseModes.DirectPost, form.ContainsKey("vp_token"));
        var result = await VerifierReceives(transaction, form);
        Assert.True(result.Accepted, result.ToString() + " / " + string.Join("; ", result.Presentations.Select(p => p.FirstProblem?.Message)));
        var work = result.Presentations.Single(p => p.QueryId == "work");
        Assert.True((bool)work.Claims!["authorized_to_work"]!);
        Assert.False(work.Claims.ContainsKey("a_number"));
        Assert.False(work.Claims.ContainsKey("category"));
        var badge = result.Presentations.Single(p => p.QueryId == "badge");
        Assert.Equal(HolderDid, badge.Presentation!.Holder);
    }

    [Fact]
    public async Task RequestDescription_SaysWhoAsksForWhat_InPlainData()
    {
        var request = (await WalletResolves(Transaction(ResponseModes.DirectPostJwt))).Value;
        var description = RequestDescription.Of(request);
        Assert.Equal(EmployerDid, description.Verifier);
        Assert.True(description.Signed);
        var badge = description.Credentials.Single(c => c.QueryId == "badge");
        Assert.Equal(["VerifiableCredential", "OpenBadgeCredential"], badge.Types.Single());
        Assert.Equal(["credentialSubject.achievement.name"], badge.Claims);
        var work = description.Credentials.Single(c => c.QueryId == "work");
        Assert.Equal(["authorized_to_work", "valid_until"], work.Claims);
        Assert.True(work.Required);
    }

    [Fact]
    public async Task RequestObject_WithABadSignature_IsRefused()
    {
        var request = Transaction(ResponseModes.DirectPost).Request;
        var jwt = request.SignRequestObject(_employer, EmployerKid, Now, TimeSpan.FromMinutes(10));
        var parts = jwt.Split('.');
        var forged = Jwt.Build(JsonNode.Parse(OpenLer.Credentials.Encodings.Base64Url.Decode(parts[0]).Value)!.AsObject(), JsonNode.Parse(OpenLer.Credentials.Encodings.Base64Url.Decode(parts[1]).Value)!.AsObject(), d => _stranger.Sign(d));
        var verifier = new WalletRequestVerifier(DidResolver.Offline, _time);
        var result = await verifier.VerifyRequestObjectAsync(forged, request.ClientId.Value, TestContext.Current.CancellationToken);
        Assert.Equal(OAuthErrorCodes.InvalidRequest, result.Error?.Code);
        Assert.Contains("signature", result.Error!.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> BadRequestObjects => ["typ", "client_id", "kid", "alg none", "expired", "aud", "redirect_uri signed", "response_mode", "nonce", "transaction_data"];

    [Theory]
    [MemberData(nameof(BadRequestObjects))]
    public async Task BadRequestObject_IsInvalidRequest(string what)
    {
        var request = Transaction(ResponseModes.DirectPost).Request;
        var header = new JsonObject { ["typ"] = AuthorizationRequest.RequestObjectType, ["alg"] = "EdDSA", ["kid"] = EmployerKid };
        var payload = request.ToJson();
        payload["aud"] = AuthorizationRequest.SelfIssuedAudience;
        payload["exp"] = Now.AddMinutes(5).ToUnixTimeSeconds();
        var clientId = request.ClientId.Value;
        Func<byte[], byte[]> sign = d => _employer.Sign(d);
        switch (what)
        {
            case "typ": header["typ"] = "JWT"; break;
            case "client_id": clientId = "decentralized_identifier:" + _stranger.PublicKey.ToDidKey(); break;
            case "kid": header["kid"] = _stranger.PublicKey.ToDidKey() + "#" + _stranger.PublicKey.ToMultibase(); sign = d => _stranger.Sign(d); break;
            case "alg none": header["alg"] = "none"; sign = _ => []; break;
            case "expired": payload["exp"] = Now.AddMinutes(-1).ToUnixTimeSeconds(); break;
            case "aud": payload["aud"] = "https://wallet.example"; break;
            case "redirect_uri signed": clientId = "redirect_uri:" + ResponseUri; payload["client_id"] = clientId; break;
            case "response_mode": payload["response_mode"] = "fragment"; break;
            case "nonce": payload.Remove("nonce"); break;
            case "transaction_data": payload["transaction_data"] = new JsonArray("e30"); break;
        }

        var result = await new WalletRequestVerifier(DidResolver.Offline, _time).VerifyRequestObjectAsync(Jwt.Build(header, payload, sign), clientId, TestContext.Current.CancellationToken);
        Assert.False(result.IsSuccess, what);
        Assert.Equal(OAuthErrorCodes.InvalidRequest, result.Error.Code);
    }

    [Fact]
    public void UnsignedDecentralizedIdentifierRequest_IsRefused()
    {
        var link = AuthorizationRequestUri.Parse("openid4vp://?client_id=" + Uri.EscapeDataString("decentralized_identifier:" + EmployerDid) + "&response_type=vp_token&nonce=n").Value;
        Assert.Equal(OAuthErrorCodes.InvalidRequest, WalletRequestVerifier.VerifyUnsigned(link).Error?.Code);
    }

    [Fact]
    public async Task PresentationForAnotherNonce_IsRejected()
    {
        var transaction = Transaction(ResponseModes.DirectPost);
        var other = Transaction(ResponseModes.DirectPost);
        var form = await WalletAnswers(other);
        var replayed = new Dictionary<string, string>(form) { ["state"] = transaction.Request.State };
        var result = await VerifierReceives(transaction, replayed);
        Assert.False(result.Accepted);
        Assert.Equal(Common.ErrorCodes.InvalidChallenge, result.Presentations.Single(p => p.QueryId == "badge").FirstProblem?.Code);
        Assert.Equal(Common.ErrorCodes.KeyBindingNonce, result.Presentations.Single(p => p.QueryId == "work").FirstProblem?.Code);
    }

    [Fact]
    public async Task PresentationForAnotherAudience_IsRejected()
    {
        var transaction = Transaction(ResponseModes.DirectPost);
        var form = await WalletAnswers(transaction, request =>
        {
            var elsewhere = request with { ClientId = ClientIdentifier.ForRedirectUri("https://other-employer.example/cb") };
            return DefaultToken(elsewhere, new WalletResponseBuilder(_time));
        });
        var result = await VerifierReceives(transaction, form);
        Assert.False(result.Accepted);
        Assert.Equal(Common.ErrorCodes.InvalidDomain, result.Presentations.Single(p => p.QueryId == "badge").FirstProblem?.Code);
        Assert.Equal(Common.ErrorCodes.KeyBindingAudience, result.Presentations.Single(p => p.QueryId == "work").FirstProblem?.Code);
    }

    [Fact]
    public async Task CredentialAboutSomeoneElse_FailsHolderBinding()
    {
        var transaction = Transaction(ResponseModes.DirectPost);
        var form = await WalletAnswers(transaction, request =>
        {
            var builder = new WalletResponseBuilder(_time);
            var token = DefaultToken(request, builder);
            token["badge"] = new JsonArray(builder.PresentLdpVc(Badge(subject: _stranger.PublicKey.ToDidKey()), _holder, HolderDid, HolderDid + "#" + _holder.PublicKey.ToMultibase(), request).Value);
            return token;
        });
        var result = await VerifierReceives(transaction, form);
        Assert.False(result.Accepted);
        Assert.Equal(Common.ErrorCodes.HolderMismatch, result.Presentations.Single(p => p.QueryId == "badge").FirstProblem?.Code);
    }

    [Fact]
    public async Task MissingRequestedClaim_OrMissingCredential_IsRejected()
    {
        var query = Query();
        var asksCategory = query.Find("work")! with { Claims = [.. query.Find("work")!.Claims!, new DcqlClaimQuery(null, ClaimsPath.Of("category"), [])] };
        var transaction = Transaction(ResponseModes.DirectPost, query: query with { Credentials = [query.Find("badge")!, asksCategory] });
        var form = await WalletAnswers(transaction, request =>
        {
            var sd = new WalletResponseBuilder(_time).PresentSdJwt(WorkAuthorization(), ["authorized_to_work"], _holder, request).Value;
            return new JsonObject { ["work"] = new JsonArray(sd) };
        });
        var result = await VerifierReceives(transaction, form);
        Assert.False(result.Accepted);
        Assert.Contains(result.Problems, p => p.Contains("'badge' was requested", StringComparison.Ordinal));
        Assert.Contains(result.Presentations.Single().QueryProblems, p => p.Contains("\"category\"", StringComparison.Ordinal));
        Assert.True(result.Presentations.Single().Verified);
    }

    [Fact]
    public async Task UnknownQueryId_OrTwoPresentationsForASingleQuery_AreProblems()
    {
        var transaction = Transaction(ResponseModes.DirectPost);
        var token = (JsonObject)JsonNode.Parse(FormToken(await WalletAnswers(transaction)))!;
        token["extra"] = new JsonArray("x");
        token["work"]!.AsArray().Add(token["work"]![0]!.DeepClone());
        var result = await VerifierReceives(transaction, new Dictionary<string, string> { ["vp_token"] = token.ToJsonString(), ["state"] = transaction.Request.State });
        Assert.False(result.Accepted);
        Assert.Contains(result.Problems, p => p.Contains("extra", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Contains("'work': 2 presentations", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EncryptedModeRequest_RefusesAPlainVpToken_AndAWrongState()
    {
        var transaction = Transaction(ResponseModes.DirectPostJwt);
        var plain = FormParameters.From([new("vp_token", "{}"), new("state", transaction.Request.State)], 1024).Value;
        Assert.Equal(OAuthErrorCodes.InvalidRequest, AuthorizationResponse.Parse(plain, transaction).Error?.Code);

        var form = await WalletAnswers(transaction);
        var withWrongState = FormParameters.From([new("response", form["response"]), new("state", "another")], AuthorizationResponse.MaxValueLength).Value;
        Assert.Equal(OAuthErrorCodes.InvalidRequest, AuthorizationResponse.Parse(withWrongState, transaction).Error?.Code);

        var other = Transaction(ResponseModes.DirectPostJwt);
        var toOther = FormParameters.From([new("response", form["response"])], AuthorizationResponse.MaxValueLength).Value;
        Assert.Equal(OAuthErrorCodes.InvalidRequest, AuthorizationResponse.Parse(toOther, other).Error?.Code);
    }

    [Fact]
    public void WalletRefusal_ArrivesAsAccessDenied()
    {
        var transaction = Transaction(ResponseModes.DirectPost);
        var refusal = WalletResponseBuilder.Refusal(transaction.Request);
        var form = FormParameters.From(refusal.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)), 1024).Value;
        Assert.Equal(OAuthErrorCodes.AccessDenied, AuthorizationResponse.Parse(form, transaction).Error?.Code);
    }

    [Fact]
    public void OversizedResponse_IsRefused() =>
        Assert.False(FormParameters.From([new("vp_token", new string('x', AuthorizationResponse.MaxValueLength + 1))], AuthorizationResponse.MaxValueLength).IsSuccess);

    [Fact]
    public async Task OversizedRequestObject_IsRefusedBeforeItIsParsed()
    {
        var request = Transaction(ResponseModes.DirectPost).Request;
        var huge = request with { State = new string('a', 400) };
        var payload = huge.ToJson();
        payload["pad"] = new string('x', WalletRequestVerifier.MaxRequestObjectLength);
        var jwt = Jwt.Build(new JsonObject { ["typ"] = AuthorizationRequest.RequestObjectType, ["alg"] = "EdDSA", ["kid"] = EmployerKid }, payload, d => _employer.Sign(d));
        var result = await new WalletRequestVerifier(DidResolver.Offline, _time).VerifyRequestObjectAsync(jwt, request.ClientId.Value, TestContext.Current.CancellationToken);
        Assert.Equal(OAuthErrorCodes.InvalidRequest, result.Error?.Code);
    }

    [Fact]
    public void OversizedRequestLink_IsRefused() =>
        Assert.Equal(OAuthErrorCodes.InvalidRequest, AuthorizationRequestUri.Parse("openid4vp://?client_id=x&pad=" + new string('a', AuthorizationRequestUri.MaxLength)).Error?.Code);

    private static string FormToken(IReadOnlyDictionary<string, string> form) => form["vp_token"];
}
