using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Encodings;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.SdJwt;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Credentials.Verification;

namespace OpenLer.Credentials.Tests.Security;

/// <summary>
/// docs/security.md, section SD (SECURITY.md §4.C, RFC 9901 §7 and §9): the SD-JWT attacks SdJwtTests and HostileSdJwtTests
/// did not send yet, each through the <see cref="CredentialVerifier"/>.
/// </summary>
public sealed class SdJwtAttackTests : IDisposable
{
    private const string Nonce = "n-7Qd1_s0V2y";
    private const string Audience = "https://employer.example";
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly KeyPair _issuer = KeyPair.Generate(KeyType.Ed25519);
    private readonly KeyPair _holder = KeyPair.Generate(KeyType.P256);
    private readonly RandomNumberGenerator _random = RandomNumberGenerator.Create();

    public void Dispose()
    {
        _issuer.Dispose();
        _holder.Dispose();
        _random.Dispose();
    }

    private string Kid => _issuer.PublicKey.ToDidKey() + "#" + _issuer.PublicKey.ToMultibase();

    private JsonObject Claims() => new()
    {
        ["iss"] = _issuer.PublicKey.ToDidKey(),
        ["vct"] = "https://openler.example/vct/work-authorization",
        ["authorized_to_work"] = true,
        ["a_number"] = "A123456789",
        ["nationalities"] = new JsonArray("AF", "PK"),
        ["exp"] = Now.AddYears(1).ToUnixTimeSeconds(),
    };

    private IssuedSdJwt Issue() =>
        SdJwtVc.Issue(Claims(), _issuer, Kid, ["authorized_to_work", "a_number", "nationalities.*"], _random, Now, _holder.PublicKey).Value;

    private static CredentialVerifier Verifier(KeyBindingRequirement? kb = null, DateTimeOffset? at = null) =>
        new(new CredentialVerifierOptions { TimeProvider = new FakeTimeProvider(at ?? Now), KeyBinding = kb });

    private static KeyBindingRequirement Required => new() { Nonce = Nonce, Audience = Audience };

    private static Task<VerificationResult> Verify(string input, CredentialVerifier? verifier = null) =>
        (verifier ?? Verifier()).VerifyAsync(input, TestContext.Current.CancellationToken);

    private JsonObject BasePayload() => new()
    {
        ["iss"] = _issuer.PublicKey.ToDidKey(),
        ["vct"] = "https://openler.example/vct/test",
        ["_sd_alg"] = "sha-256",
    };

    private string Forge(JsonObject payload, IEnumerable<string> disclosures, string alg = "EdDSA", Func<byte[], byte[]>? sign = null)
    {
        var header = new JsonObject { ["alg"] = alg, ["typ"] = SdJwtVc.Type, ["kid"] = Kid };
        var jwt = Jwt.Build(header, payload, sign ?? (bytes => _issuer.Sign(bytes)));
        return jwt + "~" + string.Concat(disclosures.Select(d => d + "~"));
    }

    private static string Encode(JsonArray disclosure) => Base64Url.Encode(Encoding.UTF8.GetBytes(StrictJson.Serialize(disclosure)));

    private static string Digest(string disclosure) => SdHashAlgorithm.Sha256.Digest(disclosure);

    // ---- SD-01 ----

    public static TheoryData<string> BadIssuerSignatures => ["None", "NONE", "HS256 keyed with the public key", "empty signature"];

    [Theory]
    [MemberData(nameof(BadIssuerSignatures))]
    public async Task Sd01_IssuerJwtUnsignedOrMacedOrNone_Refused(string how)
    {
        var secret = Encoding.ASCII.GetBytes(_issuer.PublicKey.ToMultibase());
        var presentation = how switch
        {
            "HS256 keyed with the public key" => Forge(BasePayload(), [], "HS256", bytes => HMACSHA256.HashData(secret, bytes)),
            "empty signature" => Forge(BasePayload(), [], "EdDSA", _ => []),
            _ => Forge(BasePayload(), [], how, _ => []),
        };
        var result = await Verify(presentation);
        Assert.False(result.Verified, how);
        Assert.Equal(how == "empty signature" ? ErrorCodes.ProofVerification : ErrorCodes.UnsupportedAlgorithm, result[CheckNames.Proof]!.Code);
    }

    // ---- SD-02: a disclosure whose value was changed and re-encoded ----

    [Fact]
    public async Task Sd02_DisclosureValueChangedAndReEncoded_RejectsTheWholeSdJwt()
    {
        var issued = Issue();
        var original = issued.Disclosures.First(d => d.Name == "a_number");
        var forged = Encode(new JsonArray(original.Salt, "a_number", "A999999999"));
        var presentation = issued.IssuerJwt + "~" + forged + "~";
        var result = await Verify(presentation);
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.UnreferencedDisclosure, result[CheckNames.Disclosures]!.Code);
    }

    // ---- SD-04: the same digest twice ----

    [Theory]
    [InlineData("twice in one _sd array")]
    [InlineData("twice as array elements")]
    [InlineData("in _sd and as an array element")]
    public async Task Sd04_SameDigestTwice_Refused(string where)
    {
        var property = Encode(new JsonArray("c2FsdHNhbHRzYWx0", "given_name", "Amina"));
        var element = Encode(new JsonArray("c2FsdHNhbHRzYWx0", "SO"));
        var payload = BasePayload();
        string[] disclosures;
        switch (where)
        {
            case "twice in one _sd array":
                payload["_sd"] = new JsonArray(Digest(property), Digest(property));
                disclosures = [property];
                break;
            case "twice as array elements":
                payload["nationalities"] = new JsonArray(new JsonObject { ["..."] = Digest(element) }, new JsonObject { ["..."] = Digest(element) });
                disclosures = [element];
                break;
            default:
                payload["_sd"] = new JsonArray(Digest(property));
                payload["nationalities"] = new JsonArray(new JsonObject { ["..."] = Digest(property) });
                disclosures = [property];
                break;
        }

        var result = await Verify(Forge(payload, disclosures));
        Assert.False(result.Verified);
        Assert.True(result[CheckNames.Disclosures]!.Code is ErrorCodes.DuplicateDigest or ErrorCodes.MalformedDisclosure, result[CheckNames.Disclosures]!.ToString());
        if (where != "in _sd and as an array element")
        {
            Assert.Equal(ErrorCodes.DuplicateDigest, result[CheckNames.Disclosures]!.Code);
        }
    }

    // ---- SD-07: an array placeholder with extra members ----

    [Fact]
    public async Task Sd07_ArrayPlaceholderWithExtraMembers_Refused()
    {
        var d = Encode(new JsonArray("c2FsdHNhbHRzYWx0", "SO"));
        var payload = BasePayload();
        payload["nationalities"] = new JsonArray(new JsonObject { ["..."] = Digest(d), ["x"] = 1 });
        var result = await Verify(Forge(payload, [d]));
        Assert.False(result.Verified);
        Assert.Equal(CheckStatus.Failed, result[CheckNames.Disclosures]!.Status);
    }

    // ---- SD-08 ----

    [Theory]
    [InlineData("sha-1")]
    [InlineData("sha-256-32")]
    [InlineData("MD5")]
    [InlineData("SHA-256")]
    [InlineData("sha3-1024")]
    [InlineData("")]
    public async Task Sd08_WeakOrUnknownSdAlg_Refused(string alg)
    {
        var payload = BasePayload();
        payload["_sd_alg"] = alg;
        var result = await Verify(Forge(payload, []));
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.UnsupportedDigestAlgorithm, result[CheckNames.Disclosures]!.Code);
    }

    // ---- SD-10: key-binding JWT attacks not covered elsewhere ----

    [Theory]
    [InlineData(60)]
    [InlineData(-24 * 60)]
    public async Task Sd10_KeyBindingIssuedAnHourAheadOrADayAgo_Refused(int minutes)
    {
        var presentation = SdJwtPresenter.Present(Issue().Compact, ["authorized_to_work"], _holder, Nonce, Audience, Now.AddMinutes(minutes)).Value;
        var result = await Verify(presentation, Verifier(Required));
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.KeyBindingIssuedAt, result[CheckNames.HolderBinding]!.Code);
    }

    [Fact]
    public async Task Sd10_KeyBindingWithoutSdHash_Refused()
    {
        var sdJwt = SdJwtPresenter.Present(Issue().Compact, ["authorized_to_work"], null, null, null, Now).Value;
        var kb = Jwt.Build(new JsonObject { ["alg"] = "ES256", ["typ"] = "kb+jwt" },
            new JsonObject { ["iat"] = Now.ToUnixTimeSeconds(), ["aud"] = Audience, ["nonce"] = Nonce }, bytes => _holder.Sign(bytes));
        var result = await Verify(sdJwt + kb, Verifier(Required));
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.KeyBindingSdHash, result[CheckNames.HolderBinding]!.Code);
    }

    [Theory]
    [InlineData(null, Audience)]
    [InlineData(Nonce, null)]
    [InlineData("", "")]
    public async Task Sd10_PolicyRequiringKeyBindingWithoutNonceOrAudience_RefusesEvenAGoodPresentation(string? nonce, string? audience)
    {
        // sd-jwt-js #314: a check that skips the nonce when the caller gives none accepts a presentation replayed from
        // another verifier. The policy must name both.
        var presentation = SdJwtPresenter.Present(Issue().Compact, ["authorized_to_work"], _holder, Nonce, Audience, Now).Value;
        Assert.True((await Verify(presentation, Verifier(Required))).Verified);
        var result = await Verify(presentation, Verifier(new KeyBindingRequirement { Nonce = nonce, Audience = audience }));
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.KeyBindingRequired, result[CheckNames.HolderBinding]!.Code);
    }

    // ---- SD-11: validity and binding claims hidden in disclosures ----

    [Theory]
    [InlineData("iss")]
    [InlineData("nbf")]
    [InlineData("status")]
    public async Task Sd11_ControlClaimHiddenAsADisclosure_Refused(string claim)
    {
        var claims = Claims();
        claims["nbf"] = Now.AddDays(-1).ToUnixTimeSeconds();
        claims["status"] = new JsonObject { ["status_list"] = new JsonObject { ["idx"] = 3, ["uri"] = "https://openler.example/status/1" } };
        var issued = new SdJwtIssuer(_random).Issue(claims, _issuer, new SdJwtIssueOptions
        {
            Disclosable = [claim],
            Type = SdJwtVc.Type,
            KeyId = Kid,
            HolderKey = _holder.PublicKey,
        }).Value;
        var result = await Verify(issued.Compact);
        Assert.False(result.Verified, claim);
        Assert.Contains(result.Checks, c => c.Status == CheckStatus.Failed && c.Code is ErrorCodes.NotDisclosableClaim or ErrorCodes.MalformedValue);
    }

    [Fact]
    public async Task Sd11_HolderKeyHiddenAsADisclosure_Refused()
    {
        var d = Encode(new JsonArray("c2FsdHNhbHRzYWx0", "cnf", new JsonObject { ["jwk"] = _holder.PublicKey.ToJwk() }));
        var payload = BasePayload();
        payload["_sd"] = new JsonArray(Digest(d));
        var result = await Verify(Forge(payload, [d]));
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.NotDisclosableClaim, result[CheckNames.Disclosures]!.Code);
    }

    // ---- SD-13: size bounds ----

    [Fact]
    public async Task Sd13_HundredThousandDisclosures_RefusedBeforeHashing()
    {
        var d = Encode(new JsonArray("c2FsdHNhbHRzYWx0", "x", "y"));
        var presentation = Issue().IssuerJwt + "~" + string.Concat(Enumerable.Repeat(d + "~", 100_000));
        var result = await Verify(presentation);
        Assert.False(result.Verified);
        Assert.True(result.FirstProblem!.Code is ErrorCodes.MalformedSdJwt or ErrorCodes.DocumentTooLarge, result.FirstProblem.ToString());
    }

    [Fact]
    public async Task Sd13_TenMebibytePresentation_RefusedAsTooLarge()
    {
        var big = Encode(new JsonArray("c2FsdHNhbHRzYWx0", "note", new string('x', 10 * 1024 * 1024)));
        var result = await Verify(Issue().IssuerJwt + "~" + big + "~");
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.DocumentTooLarge, result[CheckNames.Format]!.Code);
    }
}
