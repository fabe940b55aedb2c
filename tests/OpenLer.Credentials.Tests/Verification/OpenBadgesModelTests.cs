using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.OpenBadges;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Credentials.Verification;

namespace OpenLer.Credentials.Tests.Verification;

/// <summary>Open Badges 3.0 / CLR 2.0 verification steps: subject id or identifier, types, VC 1.1 dates, nested CLR credentials.</summary>
public class OpenBadgesModelTests
{
    private static readonly CredentialVerifier Verifier = new();

    private static async Task<VerificationResult> Verify(JsonObject credential, CredentialVerifier? verifier = null) =>
        await (verifier ?? Verifier).VerifyAsync(StrictJson.Serialize(credential), TestContext.Current.CancellationToken);

    [Fact]
    public async Task SubjectWithIdentifierInsteadOfId_Verifies()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var credential = TestCredentials.OpenBadge(key.PublicKey.ToDidKey());
        var subject = (JsonObject)credential["credentialSubject"]!;
        subject.Remove("id");
        subject["identifier"] = new JsonArray(new JsonObject
        {
            ["type"] = "IdentityObject",
            ["hashed"] = false,
            ["identityHash"] = "amina@example.org",
            ["identityType"] = "emailAddress",
        });
        var result = await Verify(TestCredentials.Sign(credential, key));
        Assert.True(result.Verified, result.FirstProblem?.ToString());
        Assert.Equal(CheckStatus.Passed, result[CheckNames.OpenBadges]!.Status);
    }

    /// <summary>
    /// Changed deliberately (docs/adr/genuine-vs-notes.md): the OB 3.0 subject rule is a data-model note beside a genuine
    /// result, as the DCC wallet's credentials have no subject id; it used to make the credential fail.
    /// </summary>
    [Fact]
    public async Task SubjectWithoutIdOrIdentifier_IsGenuine_WithANote()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var credential = TestCredentials.OpenBadge(key.PublicKey.ToDidKey());
        ((JsonObject)credential["credentialSubject"]!).Remove("id");
        var result = await Verify(TestCredentials.Sign(credential, key));
        Assert.True(result.Verified, result.FirstProblem?.ToString());
        Assert.Equal(CheckStatus.Passed, result[CheckNames.Proof]!.Status);
        var note = result[CheckNames.OpenBadges]!;
        Assert.Equal(CheckStatus.Failed, note.Status);
        Assert.False(note.Required);
        Assert.Equal(ErrorCodes.MissingSubjectIdentifier, note.Code);
        Assert.Equal([note], result.Notes);
    }

    [Fact]
    public async Task GenuineFailures_StillFail_WhateverTheNotes()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var credential = TestCredentials.OpenBadge(key.PublicKey.ToDidKey());
        ((JsonObject)credential["credentialSubject"]!).Remove("id");
        credential["validUntil"] = "2026-02-01T00:00:00Z";
        var signed = TestCredentials.Sign(credential, key);
        var expired = await Verify(signed, new CredentialVerifier(new CredentialVerifierOptions { TimeProvider = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero)) }));
        Assert.False(expired.Verified);
        Assert.Equal(ErrorCodes.CredentialExpired, expired.FirstProblem!.Code);

        signed["name"] = "changed";
        var tampered = await Verify(signed);
        Assert.False(tampered.Verified);
        Assert.Equal(CheckNames.Proof, tampered.FirstProblem!.Name);
    }

    [Fact]
    public void NestedProfiles_SourceAndEndorsements_AreChecked()
    {
        var credential = TestCredentials.OpenBadge("did:example:issuer");
        var subject = (JsonObject)credential["credentialSubject"]!;
        subject["source"] = new JsonObject { ["id"] = "https://assessor.example", ["type"] = new JsonArray("Organization") };
        credential["endorsement"] = new JsonArray(new JsonObject { ["type"] = new JsonArray("VerifiableCredential") });
        ((JsonObject)subject["achievement"]!)["endorsementJwt"] = new JsonArray(42);
        ((JsonObject)credential["issuer"]!)["endorsement"] = new JsonArray("not-an-object");
        var result = OpenBadgesModel.Check(credential);
        Assert.Equal(CheckStatus.Failed, result.Status);
        Assert.Contains("credentialSubject.source.type must include Profile", result.Message, StringComparison.Ordinal);
        Assert.Contains("endorsement[0].type must include EndorsementCredential", result.Message, StringComparison.Ordinal);
        Assert.Contains("credentialSubject.achievement.endorsementJwt[0]", result.Message, StringComparison.Ordinal);
        Assert.Contains("issuer.endorsement[0]", result.Message, StringComparison.Ordinal);

        subject["source"] = new JsonObject { ["id"] = "https://assessor.example", ["type"] = new JsonArray("Profile") };
        credential.Remove("endorsement");
        ((JsonObject)subject["achievement"]!).Remove("endorsementJwt");
        ((JsonObject)credential["issuer"]!).Remove("endorsement");
        Assert.Equal(CheckStatus.Passed, OpenBadgesModel.Check(credential).Status);
    }

    [Fact]
    public void NoteChecks_AreTheDataModelOnes() =>
        Assert.Equal(new[] { CheckNames.Endorsements, CheckNames.OpenBadges, CheckNames.Schema }, Genuineness.NoteChecks.Order());

    [Theory]
    [InlineData("credentialSubject.type", "AchievementSubject")]
    [InlineData("credentialSubject.achievement.type", "Achievement")]
    [InlineData("credentialSubject.achievement.alignment[0].type", "Alignment")]
    [InlineData("issuer.type", "Profile")]
    public void WrongType_FailsNamingThePath(string path, string expected)
    {
        var credential = TestCredentials.OpenBadge("did:example:issuer");
        JsonNode target = credential;
        foreach (var part in path.Split('.')[..^1])
        {
            target = part.EndsWith(']') ? target[part[..^3]]![int.Parse(part[^2..^1], System.Globalization.CultureInfo.InvariantCulture)]! : target[part]!;
        }

        target["type"] = new JsonArray("Invalid" + expected);
        var result = OpenBadgesModel.Check(credential);
        Assert.Equal(CheckStatus.Failed, result.Status);
        Assert.Equal(ErrorCodes.InvalidType, result.Code);
        Assert.Contains(path + " must include " + expected, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongTypesInEvidenceIdentifierResultAndIssuerParts_AreReported()
    {
        var credential = TestCredentials.OpenBadge("did:example:issuer");
        credential["evidence"] = new JsonArray(new JsonObject { ["type"] = "Evidence" }, new JsonObject { ["type"] = "InvalidEvidence" });
        var issuer = (JsonObject)credential["issuer"]!;
        issuer["otherIdentifier"] = new JsonArray(new JsonObject { ["type"] = "InvalidIdentifierEntry", ["identifier"] = "1", ["identifierType"] = "sourcedId" });
        issuer["parentOrg"] = new JsonObject { ["id"] = "https://p.example", ["type"] = "InvalidProfile" };
        var subject = (JsonObject)credential["credentialSubject"]!;
        subject["result"] = new JsonArray(new JsonObject { ["type"] = new JsonArray("InvalidResult") });
        subject["identifier"] = new JsonArray(new JsonObject { ["type"] = "InvalidIdentityObject" });
        var result = OpenBadgesModel.Check(credential);
        Assert.Equal(ErrorCodes.InvalidType, result.Code);
        foreach (var path in new[] { "evidence[1]", "issuer.otherIdentifier[0]", "issuer.parentOrg", "credentialSubject.identifier[0]", "credentialSubject.result[0]" })
        {
            Assert.Contains(path + ".type", result.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void NotAnOpenBadge_IsNotChecked()
    {
        var credential = TestCredentials.OpenBadge("did:example:issuer");
        credential["type"] = new JsonArray("VerifiableCredential", "EmploymentCredential");
        Assert.Equal(CheckStatus.NotChecked, OpenBadgesModel.Check(credential).Status);
    }

    [Theory]
    [InlineData("2026-06-01T00:00:00Z", "2027-01-01T00:00:00Z", true, null)]
    [InlineData("2028-06-01T00:00:00Z", "2027-01-01T00:00:00Z", false, ErrorCodes.CredentialExpired)]
    [InlineData("2025-06-01T00:00:00Z", null, false, ErrorCodes.CredentialNotYetValid)]
    public async Task Vc11IssuanceAndExpirationDates_AreHonoured(string now, string? expirationDate, bool verified, string? code)
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var credential = TestCredentials.OpenBadge(key.PublicKey.ToDidKey());
        credential["@context"] = new JsonArray("https://www.w3.org/2018/credentials/v1", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json");
        credential.Remove("validFrom");
        credential["issuanceDate"] = "2026-01-15T00:00:00Z";
        if (expirationDate is not null)
        {
            credential["expirationDate"] = expirationDate;
        }

        var signed = TestCredentials.Sign(credential, key, suite: "eddsa-rdfc-2022", created: new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));
        var result = await Verify(signed, new CredentialVerifier(new CredentialVerifierOptions { TimeProvider = clock }));
        Assert.Equal(verified, result.Verified);
        Assert.Equal(code, result[CheckNames.ValidityPeriod]!.Code);
        Assert.Equal(CheckStatus.Passed, result[CheckNames.OpenBadges]!.Status);
    }

    [Fact]
    public void MissingIssuanceDate_Fails()
    {
        var credential = TestCredentials.OpenBadge("did:example:issuer");
        credential.Remove("validFrom");
        Assert.Equal(ErrorCodes.MalformedValue, OpenBadgesModel.Check(credential).Code);
    }

    private static JsonObject Clr(string issuer, params JsonNode[] nested) => new()
    {
        ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"),
        ["id"] = "urn:uuid:" + Guid.NewGuid(),
        ["type"] = new JsonArray("VerifiableCredential", "ClrCredential"),
        ["name"] = "Learner record",
        ["issuer"] = new JsonObject { ["id"] = issuer, ["type"] = new JsonArray("Profile"), ["name"] = "IRC" },
        ["validFrom"] = "2026-01-15T00:00:00Z",
        ["credentialSubject"] = new JsonObject
        {
            ["id"] = "did:example:amina",
            ["type"] = new JsonArray("ClrSubject"),
            ["verifiableCredential"] = new JsonArray(nested),
        },
    };

    [Fact]
    public async Task Clr_NestedCredentialsAreVerified()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var did = key.PublicKey.ToDidKey();
        var good = TestCredentials.Sign(TestCredentials.OpenBadge(did), key);

        // The model check alone, and the nested verification: a tampered nested credential fails the CLR.
        Assert.Equal(CheckStatus.Passed, OpenBadgesModel.Check(Clr(did, good.DeepClone())).Status);
        var nestedOk = await Verifier.VerifyJsonAsync(Clr(did, good.DeepClone()), TestContext.Current.CancellationToken);
        Assert.Equal(CheckStatus.Passed, nestedOk[CheckNames.NestedCredentials]!.Status);

        var tampered = (JsonObject)good.DeepClone();
        tampered["name"] = "Forged";
        var nestedBad = await Verifier.VerifyJsonAsync(Clr(did, good.DeepClone(), tampered), TestContext.Current.CancellationToken);
        Assert.Equal(CheckStatus.Failed, nestedBad[CheckNames.NestedCredentials]!.Status);
        Assert.Equal(ErrorCodes.ProofVerification, nestedBad[CheckNames.NestedCredentials]!.Code);
        Assert.Contains("verifiableCredential[1]", nestedBad[CheckNames.NestedCredentials]!.Message, StringComparison.Ordinal);
        Assert.False(nestedBad.Verified);
    }

    [Fact]
    public async Task Clr_WithoutNestedCredentials_Fails()
    {
        var result = await Verifier.VerifyJsonAsync(Clr("did:example:issuer"), TestContext.Current.CancellationToken);
        Assert.Equal(ErrorCodes.NestedCredential, result[CheckNames.NestedCredentials]!.Code);
        Assert.Equal(ErrorCodes.MalformedValue, result[CheckNames.OpenBadges]!.Code);
    }

    private static JsonObject Endorsement(KeyPair endorser, string endorsed) => TestCredentials.Sign(new JsonObject
    {
        ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"),
        ["id"] = "urn:uuid:" + Guid.NewGuid(),
        ["type"] = new JsonArray("VerifiableCredential", "EndorsementCredential"),
        ["name"] = "Workforce board endorsement",
        ["issuer"] = new JsonObject { ["id"] = endorser.PublicKey.ToDidKey(), ["type"] = new JsonArray("Profile"), ["name"] = "Pima County Workforce Board" },
        ["validFrom"] = "2026-01-10T00:00:00Z",
        ["credentialSubject"] = new JsonObject
        {
            ["id"] = endorsed,
            ["type"] = new JsonArray("EndorsementSubject"),
            ["endorsementComment"] = "Graduates of this program are ready for warehouse roles.",
        },
    }, endorser, suite: "eddsa-rdfc-2022");

    [Fact]
    public async Task Endorsements_AreVerifiedButNeverDecideTheCredential()
    {
        using var issuer = KeyPair.Generate(KeyType.Ed25519);
        using var endorser = KeyPair.Generate(KeyType.Ed25519);
        var credential = TestCredentials.OpenBadge(issuer.PublicKey.ToDidKey());
        var achievement = (JsonObject)credential["credentialSubject"]!["achievement"]!;
        achievement["endorsement"] = new JsonArray(Endorsement(endorser, (string)achievement["id"]!));
        var good = await Verify(TestCredentials.Sign(credential, issuer, suite: "eddsa-rdfc-2022"));
        Assert.True(good.Verified, good.FirstProblem?.ToString());
        Assert.Equal(CheckStatus.Passed, good[CheckNames.Endorsements]!.Status);
        Assert.Contains(endorser.PublicKey.ToDidKey(), good[CheckNames.Endorsements]!.Message, StringComparison.Ordinal);

        var forged = Endorsement(endorser, (string)achievement["id"]!);
        forged["credentialSubject"]!["endorsementComment"] = "Forged praise.";
        achievement["endorsement"] = new JsonArray(forged);
        var bad = await Verify(TestCredentials.Sign(credential, issuer, suite: "eddsa-rdfc-2022"));
        Assert.True(bad.Verified, bad.FirstProblem?.ToString());
        Assert.Equal(CheckStatus.Failed, bad[CheckNames.Endorsements]!.Status);
        Assert.False(bad[CheckNames.Endorsements]!.Required);
        Assert.Equal(ErrorCodes.ProofVerification, bad[CheckNames.Endorsements]!.Code);
    }
}
