using System.Text.Json.Nodes;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;

namespace OpenLer.Server.Tests.Security;

/// <summary>Credentials from a stranger (a fresh did:key issuer), properly signed, for the Verify page and API.</summary>
public static class ForeignCredentials
{
    /// <summary>An Open Badges 3.0 credential with <paramref name="evidence"/> anonymous evidence entries (the shape of finding 7).</summary>
    public static string OpenBadge(int evidence = 0, string name = "Forklift Safety", string issuerName = "Desert Training Center", string suite = "eddsa-rdfc-2022")
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var did = key.PublicKey.ToDidKey();
        var unsigned = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"),
            ["id"] = "urn:uuid:" + Guid.NewGuid(),
            ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
            ["name"] = name,
            ["issuer"] = new JsonObject { ["id"] = did, ["type"] = new JsonArray("Profile"), ["name"] = issuerName },
            ["validFrom"] = "2026-01-15T00:00:00Z",
            ["credentialSubject"] = new JsonObject
            {
                ["id"] = "did:example:holder",
                ["type"] = new JsonArray("AchievementSubject"),
                ["achievement"] = new JsonObject
                {
                    ["id"] = "https://training.example/achievements/forklift",
                    ["type"] = new JsonArray("Achievement"),
                    ["name"] = name,
                    ["description"] = "Operated a forklift safely.",
                    ["criteria"] = new JsonObject { ["narrative"] = "Passed the practical test." },
                },
            },
        };
        if (evidence > 0)
        {
            var entries = new JsonArray();
            for (var i = 0; i < evidence; i++)
            {
                entries.Add(new JsonObject
                {
                    ["type"] = new JsonArray("Evidence"),
                    ["name"] = $"Evidence number {i} of many",
                    ["narrative"] = "The person showed this skill at the warehouse on many days.",
                });
            }

            unsigned["evidence"] = entries;
        }

        var signer = new DataIntegritySigner(Cryptosuites.Default, TimeProvider.System);
        var signed = signer.Sign(unsigned, key, new ProofOptions { Cryptosuite = suite, VerificationMethod = did + "#" + key.PublicKey.ToMultibase() });
        return StrictJson.Serialize(signed.Value);
    }
}
