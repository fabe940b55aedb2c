using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.SdJwt;
using OpenLer.Credentials.Verification;
using OpenLer.Credentials.WorkAuthorization;

namespace OpenLer.Credentials.Tests.WorkAuthorization;

public sealed class WorkAuthorizationTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly KeyPair _cbo = KeyPair.Generate(KeyType.Ed25519);
    private readonly KeyPair _holder = KeyPair.Generate(KeyType.P256);
    private readonly RandomNumberGenerator _random = RandomNumberGenerator.Create();

    public void Dispose()
    {
        _cbo.Dispose();
        _holder.Dispose();
        _random.Dispose();
    }

    private static WorkAuthorizationClaims Claims => new()
    {
        AuthorizedToWork = true,
        ValidUntil = new DateOnly(2027, 6, 30),
        DocumentSeenAt = Now.AddDays(-2),
        StatusCategory = "refugee",
        DocumentType = "EAD (Form I-766)",
        Category = "A03",
        ANumber = "A123456789",
        DocumentNumber = "SRC9876543210",
        DocumentExpiry = new DateOnly(2027, 6, 30),
    };

    private string Issue() => WorkAuthorizationCredential.Issue(Claims, "openler.example", _cbo, _cbo.PublicKey.ToDidKey(),
        _cbo.PublicKey.ToDidKey() + "#" + _cbo.PublicKey.ToMultibase(), _holder.PublicKey, _random, Now).Value.Compact;

    private static async Task<VerificationResult> Verify(string presentation) =>
        await new CredentialVerifier(new CredentialVerifierOptions
        {
            TimeProvider = new FakeTimeProvider(Now),
            KeyBinding = new KeyBindingRequirement { Nonce = "n1", Audience = "https://employer.example" },
        }).VerifyAsync(presentation, TestContext.Current.CancellationToken);

    [Fact]
    public async Task DefaultPresentation_ShowsOnlyAuthorizationAndValidity()
    {
        var presentation = WorkAuthorizationCredential.Present(Issue(), _holder, "n1", "https://employer.example", Now).Value;
        // <JWT>~authorized_to_work~valid_until~evidence~<KB-JWT>: every claim is disclosable, three are disclosed.
        Assert.Equal(5, presentation.Split('~').Length);
        var result = await Verify(presentation);
        Assert.True(result.Verified, result.FirstProblem?.ToString());
        var claims = result.Credential!.Document;
        Assert.True((bool)claims["authorized_to_work"]!);
        Assert.Equal("2027-06-30", (string?)claims["valid_until"]);
        Assert.Equal("document_seen_by_issuer", (string?)claims["evidence"]!["type"]);
        Assert.Equal("https://openler.example/vct/work-authorization/v1", (string?)claims["vct"]);
        foreach (var hidden in WorkAuthorizationCredential.DisclosableClaims.Except(["authorized_to_work", "valid_until", "evidence"]))
        {
            Assert.False(claims.ContainsKey(hidden), hidden);
        }

        var text = StrictJson.Serialize(claims);
        foreach (var secret in new[] { "A123456789", "SRC9876543210", "A03", "I-766" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task HolderMayChooseToDiscloseADetail()
    {
        var presentation = WorkAuthorizationCredential.Present(Issue(), _holder, "n1", "https://employer.example", Now, ["document_type"]).Value;
        var result = await Verify(presentation);
        Assert.True(result.Verified);
        Assert.Equal("EAD (Form I-766)", (string?)result.Credential!.Document["document_type"]);
        Assert.False(result.Credential.Document.ContainsKey("a_number"));
    }

    [Fact]
    public void Credential_StatesTheDocumentWasSeen_NeverGovernmentVerification()
    {
        var body = WorkAuthorizationCredential.BuildClaims(Claims, "openler.example", "did:web:cbo.example", Now).Value;
        Assert.Equal("2026-02-27T12:00:00Z", (string?)body["document_seen_at"]);
        Assert.Equal("document_seen_by_issuer", (string?)body["evidence"]!["type"]);
        var text = StrictJson.Serialize(body).ToUpperInvariant();
        Assert.Contains("NOT CHECKED WITH ANY GOVERNMENT SYSTEM", text, StringComparison.Ordinal);
        foreach (var claim in new[] { "E-VERIFY", "SAVE", "GOVERNMENT_VERIFIED", "VERIFIED_BY" })
        {
            Assert.DoesNotContain(claim, text.Replace("NOT CHECKED WITH ANY GOVERNMENT SYSTEM", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("123456789")]
    [InlineData("A12")]
    [InlineData("A1234567890")]
    public void MalformedANumber_IsRefused(string aNumber) =>
        Assert.False(WorkAuthorizationCredential.BuildClaims(Claims with { ANumber = aNumber }, "openler.example", "did:web:x", Now).IsSuccess);

    [Fact]
    public void PastValidityOrFutureSighting_IsRefused()
    {
        Assert.False(WorkAuthorizationCredential.BuildClaims(Claims with { ValidUntil = new DateOnly(2026, 2, 1) }, "openler.example", "did:web:x", Now).IsSuccess);
        Assert.False(WorkAuthorizationCredential.BuildClaims(Claims with { DocumentSeenAt = Now.AddHours(1) }, "openler.example", "did:web:x", Now).IsSuccess);
    }

    [Fact]
    public void Vct_IsUnderTheDeploymentDomain()
    {
        Assert.Equal("https://cbo.example.org/vct/work-authorization/v1", WorkAuthorizationCredential.VctFor("cbo.example.org"));
        Assert.Throws<ArgumentException>(() => WorkAuthorizationCredential.VctFor("https://evil.example/x"));
    }

    [Fact]
    public void PresentingAnUnknownClaim_IsRefused() =>
        Assert.False(WorkAuthorizationCredential.Present(Issue(), _holder, "n1", "a", Now, ["iss"]).IsSuccess);

    [Fact]
    public void EveryClaimAboutTheHolder_IsSelectivelyDisclosable()
    {
        var issued = Issue();
        var payload = OpenLer.Credentials.Encodings.Base64Url.Decode(issued.Split('~')[0].Split('.')[1]).Value;
        var visible = System.Text.Json.Nodes.JsonNode.Parse(payload)!.AsObject();
        Assert.All(WorkAuthorizationCredential.DisclosableClaims, c => Assert.False(visible.ContainsKey(c), c));
        Assert.Equal(["_sd", "_sd_alg", "cnf", "exp", "iat", "iss", "vct"], visible.Select(p => p.Key).Order(StringComparer.Ordinal));
        var all = WorkAuthorizationCredential.Claims(issued).Value;
        Assert.Equal("A123456789", (string?)all["a_number"]);
        Assert.Equal("refugee", (string?)all["status_category"]);
    }

    [Fact]
    public async Task PresentOnly_DisclosesExactlyTheChosenFactsAndTheEvidence()
    {
        var presentation = WorkAuthorizationCredential.PresentOnly(Issue(), ["authorized_to_work", "a_number"], _holder, "n1", "https://employer.example", Now).Value;
        var claims = (await Verify(presentation)).Credential!.Document;
        Assert.Equal("A123456789", (string?)claims["a_number"]);
        Assert.False(claims.ContainsKey("valid_until"));
        Assert.True(claims.ContainsKey("evidence"));
        Assert.False(WorkAuthorizationCredential.PresentOnly(Issue(), [], _holder, "n1", "a", Now).IsSuccess);
    }

    [Fact]
    public async Task NoExpiry_HasNoExpAndValidUntilNamesTheNoExpiryClaim()
    {
        var issued = WorkAuthorizationCredential.Issue(Claims with { ValidUntil = null, DocumentExpiry = null }, "openler.example", _cbo, _cbo.PublicKey.ToDidKey(),
            _cbo.PublicKey.ToDidKey() + "#" + _cbo.PublicKey.ToMultibase(), _holder.PublicKey, _random, Now).Value.Compact;
        var presentation = WorkAuthorizationCredential.Present(issued, _holder, "n1", "https://employer.example", Now).Value;
        var result = await Verify(presentation);
        Assert.True(result.Verified, result.FirstProblem?.ToString());
        Assert.True((bool)result.Credential!.Document[WorkAuthorizationCredential.NoExpiryClaim]!);
        Assert.False(result.Credential.Document.ContainsKey("exp"));
        Assert.False(result.Credential.Document.ContainsKey("valid_until"));
    }
}
