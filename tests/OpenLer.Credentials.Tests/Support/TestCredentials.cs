using System.Text.Json.Nodes;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Keys;

namespace OpenLer.Credentials.Tests.Support;

/// <summary>Builds Open Badges 3.0 credentials for tests, unsigned or signed by a fresh did:key issuer.</summary>
public static class TestCredentials
{
    public static JsonObject OpenBadge(string issuer, string name = "Workplace Readiness") => new()
    {
        ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"),
        ["id"] = "urn:uuid:" + Guid.NewGuid(),
        ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
        ["name"] = name,
        ["issuer"] = new JsonObject
        {
            ["id"] = issuer,
            ["type"] = new JsonArray("Profile"),
            ["name"] = "International Rescue Committee — Tucson",
        },
        ["validFrom"] = "2026-01-15T00:00:00Z",
        ["credentialSubject"] = new JsonObject
        {
            ["id"] = "did:example:amina",
            ["type"] = new JsonArray("AchievementSubject"),
            ["achievement"] = new JsonObject
            {
                ["id"] = "https://openler.example/achievements/job-readiness",
                ["type"] = new JsonArray("Achievement"),
                ["name"] = name,
                ["description"] = "Completed the 6-week job-readiness program.",
                ["criteria"] = new JsonObject { ["narrative"] = "Attended all sessions and passed the mock interview." },
                ["alignment"] = new JsonArray(new JsonObject
                {
                    ["type"] = new JsonArray("Alignment"),
                    ["targetName"] = "Active Listening",
                    ["targetUrl"] = "https://www.onetonline.org/find/descriptor/result/2.A.1.b",
                    ["targetFramework"] = "O*NET",
                    ["targetCode"] = "2.A.1.b",
                }),
            },
        },
    };

    public static JsonObject Sign(JsonObject unsigned, KeyPair key, string? verificationMethod = null, string suite = "eddsa-jcs-2022", DateTimeOffset? created = null)
    {
        var did = key.PublicKey.ToDidKey();
        var signer = new DataIntegritySigner(Cryptosuites.Default, TimeProvider.System);
        return signer.Sign(unsigned, key, new ProofOptions
        {
            Cryptosuite = suite,
            VerificationMethod = verificationMethod ?? did + "#" + key.PublicKey.ToMultibase(),
            Created = created ?? new DateTimeOffset(2026, 1, 15, 0, 0, 0, TimeSpan.Zero),
        }).Value;
    }

    public static JsonObject SignedOpenBadge(KeyPair key) => Sign(OpenBadge(key.PublicKey.ToDidKey()), key);
}
