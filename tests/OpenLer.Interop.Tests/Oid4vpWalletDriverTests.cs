using System.Security.Cryptography;
using System.Text.Json.Nodes;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.Protocols;
using OpenLer.Credentials.Protocols.Oid4Vp;
using OpenLer.Credentials.Verification;
using OpenLer.Credentials.WorkAuthorization;

namespace OpenLer.Interop.Tests;

/// <summary>
/// js/oid4vp-wallet.mjs (@openid4vc/openid4vp 0.4.6 as the wallet, @digitalbazaar/vc and @sd-jwt/sd-jwt-vc for the
/// presentations) answers a request our library made, against a loopback endpoint that serves the signed request object and
/// hands the response to our AuthorizationResponse and VpTokenValidator.
/// </summary>
public sealed class Oid4vpWalletDriverTests : IDisposable
{
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

    private string Write(string name, string text)
    {
        File.WriteAllText(_temp.File(name), text);
        return _temp.File(name);
    }

    private string HolderDid => _holder.PublicKey.ToDidKey();

    private string Badge()
    {
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
                ["id"] = HolderDid,
                ["type"] = new JsonArray("AchievementSubject"),
                ["achievement"] = new JsonObject { ["id"] = "https://cbo.example/a/1", ["type"] = new JsonArray("Achievement"), ["name"] = "Job Readiness", ["criteria"] = new JsonObject { ["narrative"] = "Completed." } },
            },
        };
        return new DataIntegritySigner().Sign(badge, _cbo, new ProofOptions
        {
            Cryptosuite = "eddsa-rdfc-2022",
            VerificationMethod = _cbo.PublicKey.ToDidKey() + "#" + _cbo.PublicKey.ToMultibase(),
        }).Value.ToJsonString();
    }

    private string WorkAuthorization() => WorkAuthorizationCredential.Issue(new WorkAuthorizationClaims
    {
        AuthorizedToWork = true,
        ValidUntil = DateOnly.FromDateTime(DateTime.UnixEpoch).AddYears(60),
        DocumentSeenAt = DateTimeOffset.UtcNow.AddDays(-1),
        ANumber = "A123456789",
    }, "cbo.example", _cbo, _cbo.PublicKey.ToDidKey(), _cbo.PublicKey.ToDidKey() + "#" + _cbo.PublicKey.ToMultibase(), _holder.PublicKey, _rng, DateTimeOffset.UtcNow).Value.Compact;

    [Theory]
    [InlineData(ResponseModes.DirectPostJwt)]
    [InlineData(ResponseModes.DirectPost)]
    public async Task Openid4vpWallet_AnswersOurSignedRequest_AndWeAcceptIt(string mode)
    {
        JsReference.SkipUnlessAvailable();
        PresentationResponseResult? result = null;
        VerifierTransaction? transaction = null;
        string? failure = null;
        using var server = new LoopbackServer(async (method, path, body) =>
        {
            if (method == "GET" && path == "/request")
            {
                var jwt = transaction!.Request.SignRequestObject(_employer, _employer.PublicKey.ToDidKey() + "#" + _employer.PublicKey.ToMultibase(), DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
                return (200, "application/oauth-authz-req+jwt", jwt);
            }

            if (method == "POST" && path == "/response")
            {
                var form = FormParameters.Parse(body, AuthorizationResponse.MaxValueLength);
                var response = form.IsSuccess ? AuthorizationResponse.Parse(form.Value, transaction!) : form.Error;
                if (!response.IsSuccess)
                {
                    failure = response.Error.ToString();
                    return (400, "application/json", OAuthErrorResponse.ToJson(response.Error).ToJsonString());
                }

                result = await new VpTokenValidator(new CredentialVerifierOptions()).ValidateAsync(response.Value, transaction!.Request);
                return (200, "application/json", "{}");
            }

            return (404, "text/plain", "not found");
        });

        var query = DcqlQuery.Parse(new JsonObject
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
        }).Value;
        transaction = VerifierTransaction.Create(ClientIdentifier.ForDid(_employer.PublicKey.ToDidKey()), server.BaseUrl + "/response", query, mode, new ProtocolRandom(_rng));
        var link = AuthorizationRequest.ByReferenceUri(transaction.Request.ClientId.Value, server.BaseUrl + "/request");
        var holderKey = new JsonObject { ["did"] = HolderDid, ["kid"] = HolderDid + "#" + _holder.PublicKey.ToMultibase(), ["privateJwk"] = _holder.ExportPrivateJwk() };

        var (code, output, error) = await JsReference.RunScriptAsync("oid4vp-wallet.mjs", link, "--holder-key", Write("holder.json", holderKey.ToJsonString()),
            "--credential", "badge=" + Write("badge.json", Badge()), "--credential", "work=" + Write("work.sdjwt", WorkAuthorization()));
        Assert.True(code == 0, output + error + failure);
        Assert.NotNull(result);
        Assert.True(result.Accepted, result + " / " + string.Join("; ", result.Presentations.Select(p => p.FirstProblem?.Message)));
        var work = result.Presentations.Single(p => p.QueryId == "work");
        Assert.True((bool)work.Claims!["authorized_to_work"]!);
        Assert.False(work.Claims.ContainsKey("a_number"));
        Assert.Equal(HolderDid, result.Presentations.Single(p => p.QueryId == "badge").Presentation!.Holder);
    }
}
