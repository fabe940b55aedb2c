using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.Protocols;
using OpenLer.Credentials.Protocols.Oid4Vp;
using OpenLer.Credentials.SdJwt;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Credentials.Verification;
using OpenLer.Credentials.WorkAuthorization;

namespace OpenLer.Credentials.Tests.Security;

/// <summary>
/// docs/security.md, section PF (SECURITY.md §4.D): OpenID4VP attacks on the library's verifier that Oid4VpFlowTests does not
/// send (the client identifier without its prefix, a wallet answering more or other than asked) and the randomness of every
/// protocol value.
/// </summary>
public sealed class ProtocolAttackTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private const string ResponseUri = "https://employer.example/oid4vp/response/t1";
    private readonly FakeTimeProvider _time = new(Now);
    private readonly KeyPair _cbo = KeyPair.Generate(KeyType.Ed25519);
    private readonly KeyPair _holder = KeyPair.Generate(KeyType.Ed25519);
    private readonly RandomNumberGenerator _rng = RandomNumberGenerator.Create();

    public void Dispose()
    {
        _cbo.Dispose();
        _holder.Dispose();
        _rng.Dispose();
    }

    private string HolderDid => _holder.PublicKey.ToDidKey();

    private static DcqlCredentialQuery BadgeQuery => new()
    {
        Id = "badge",
        Format = "ldp_vc",
        TypeValues = [CredentialTypes.OpenBadgeCredential],
        Claims = [new DcqlClaimQuery(null, ClaimsPath.Of("credentialSubject", "achievement", "name"), [])],
    };

    private static DcqlCredentialQuery WorkQuery => new()
    {
        Id = "work",
        Format = "dc+sd-jwt",
        VctValues = [WorkAuthorizationCredential.VctFor("cbo.example")],
        Claims = [new DcqlClaimQuery(null, ClaimsPath.Of("authorized_to_work"), [JsonValue.Create(true)!])],
    };

    private VerifierTransaction Transaction(params DcqlCredentialQuery[] queries) => VerifierTransaction.Create(
        ClientIdentifier.ForRedirectUri(ResponseUri), ResponseUri,
        DcqlQuery.Parse(new JsonObject { ["credentials"] = new JsonArray([.. queries.Select(q => (JsonNode)q.ToJson())]) }).Value,
        ResponseModes.DirectPost, new ProtocolRandom(_rng));

    private JsonObject Badge(params string[] types)
    {
        var unsigned = TestCredentials.OpenBadge(_cbo.PublicKey.ToDidKey());
        unsigned["credentialSubject"]!["id"] = HolderDid;
        if (types.Length > 0)
        {
            unsigned["type"] = new JsonArray([.. types.Select(t => (JsonNode)t)]);
        }

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

    private async Task<PresentationResponseResult> Receive(VerifierTransaction transaction, JsonObject vpToken)
    {
        var form = WalletResponseBuilder.BuildResponse(transaction.Request, vpToken).Value;
        var parameters = FormParameters.From(form.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)), AuthorizationResponse.MaxValueLength).Value;
        var response = AuthorizationResponse.Parse(parameters, transaction).Value;
        return await new VpTokenValidator(new CredentialVerifierOptions { TimeProvider = _time }).ValidateAsync(response, transaction.Request, TestContext.Current.CancellationToken);
    }

    // ---- PF-07: the verifier's client identifier without its prefix is another audience ----

    [Fact]
    public async Task Pf07_SdJwtKeyBindingForTheClientIdWithoutItsPrefix_Refused()
    {
        var transaction = Transaction(WorkQuery);
        var request = transaction.Request;
        Assert.StartsWith("redirect_uri:", request.ClientId.Value, StringComparison.Ordinal);
        var presentation = SdJwtPresenter.Present(WorkAuthorization(), ["authorized_to_work"], _holder, request.Nonce, request.ClientId.Original, Now).Value;
        var result = await Receive(transaction, new JsonObject { ["work"] = new JsonArray(presentation) });
        Assert.False(result.Accepted);
        Assert.Equal(ErrorCodes.KeyBindingAudience, result.Presentations.Single().FirstProblem?.Code);
    }

    [Fact]
    public async Task Pf07_DataIntegrityPresentationForTheClientIdWithoutItsPrefix_InvalidDomain()
    {
        var transaction = Transaction(BadgeQuery);
        var request = transaction.Request;
        var presentation = new DataIntegritySigner(Cryptosuites.Default, _time).Sign(new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiablePresentation"),
            ["holder"] = HolderDid,
            ["verifiableCredential"] = new JsonArray(Badge()),
        }, _holder, new ProofOptions
        {
            Cryptosuite = "eddsa-rdfc-2022",
            VerificationMethod = HolderDid + "#" + _holder.PublicKey.ToMultibase(),
            ProofPurpose = "authentication",
            Challenge = request.Nonce,
            Domain = request.ClientId.Original,
        }).Value;
        var result = await Receive(transaction, new JsonObject { ["badge"] = new JsonArray(presentation) });
        Assert.False(result.Accepted);
        Assert.Equal(ErrorCodes.InvalidDomain, result.Presentations.Single().FirstProblem?.Code);
    }

    // ---- PF-08: every protocol value is unpredictable, long enough and URL-safe ----

    [Fact]
    public void Pf08_TenThousandNoncesTokensStatesAndTransactionNonces_UniqueAtLeast128BitsUrlSafe()
    {
        var random = new ProtocolRandom(_rng);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 10_000; i++)
        {
            foreach (var (value, bits) in new[] { (random.NewNonce(), 128), (random.NewToken(), 256) })
            {
                Assert.True(seen.Add(value), "a value repeated");
                Assert.Matches("^[A-Za-z0-9_-]+$", value);
                Assert.True(Credentials.Encodings.Base64Url.Decode(value).Value.Length * 8 >= bits, value);
            }
        }

        for (var i = 0; i < 10_000; i++)
        {
            var request = Transaction(WorkQuery).Request;
            foreach (var value in new[] { request.Nonce, request.State })
            {
                Assert.True(seen.Add(value!), "a nonce or state repeated");
                Assert.Matches("^[A-Za-z0-9_-]{22,}$", value!);
            }
        }
    }

    [Fact]
    public void Pf08_NumericTransactionCodes_AreUniformDigits()
    {
        var random = new ProtocolRandom(_rng);
        var counts = new int[10];
        for (var i = 0; i < 10_000; i++)
        {
            var code = random.NewNumericCode(6);
            Assert.Matches("^[0-9]{6}$", code);
            foreach (var c in code)
            {
                counts[c - '0']++;
            }
        }

        // 60,000 digits: each is expected 6,000 times; a modulo bias of 256 % 10 would push 0-5 up by ~2.3 %.
        Assert.All(counts, c => Assert.InRange(c, 5_500, 6_500));
    }

    // ---- PF-12: the verifier applies its own query to what the wallet returns ----

    [Fact]
    public async Task Pf12_WalletDisclosingMoreThanAsked_ExtraClaimsAreDropped()
    {
        var transaction = Transaction(WorkQuery);
        var request = transaction.Request;
        var everything = SdJwtPresenter.Present(WorkAuthorization(), ["authorized_to_work", "valid_until", "a_number", "category"], _holder,
            request.Nonce, request.ClientId.Value, Now);

        var result = await Receive(transaction, new JsonObject { ["work"] = new JsonArray(everything.Value) });

        Assert.True(result.Accepted, string.Join("; ", result.Problems));
        var work = result.Presentations.Single();
        Assert.True((bool)work.Claims!["authorized_to_work"]!);
        Assert.DoesNotContain("A123456789", work.Claims.ToJsonString(), StringComparison.Ordinal);
        Assert.False(work.Claims.ContainsKey("a_number"));
        Assert.False(work.Claims.ContainsKey("valid_until"));
        Assert.True(work.Claims.ContainsKey("vct"));
    }

    [Fact]
    public async Task Pf12_CredentialOfAnotherTypeThanAsked_Refused()
    {
        var transaction = Transaction(BadgeQuery);
        var request = transaction.Request;
        var other = Badge("VerifiableCredential", "EndorsementCredential"); // AchievementCredential would be an alias of OpenBadgeCredential
        var vp = new WalletResponseBuilder(_time).PresentLdpVc(other, _holder, HolderDid, HolderDid + "#" + _holder.PublicKey.ToMultibase(), request).Value;
        var result = await Receive(transaction, new JsonObject { ["badge"] = new JsonArray(vp) });
        Assert.False(result.Accepted);
        Assert.True(result.Presentations.Single().Verified, "the presentation itself is genuine");
        Assert.Contains(result.Presentations.Single().QueryProblems, p => p.Contains("type_values", StringComparison.Ordinal));
    }
}
