using System.Security.Cryptography;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.SdJwt;
using OpenLer.Credentials.Verification;

namespace OpenLer.Credentials.Tests.SdJwt;

/// <summary>No SD-JWT, disclosure, salt or disclosed value appears in any message or description a log could capture.</summary>
public class CanaryTests
{
    private const string Canary = "CANARY-A123456789";

    [Fact]
    public async Task NoTokenDisclosureOrSaltInResultsMessagesOrToString()
    {
        using var issuer = KeyPair.Generate(KeyType.Ed25519);
        using var random = RandomNumberGenerator.Create();
        var kid = issuer.PublicKey.ToDidKey() + "#" + issuer.PublicKey.ToMultibase();
        var claims = new JsonObject { ["iss"] = issuer.PublicKey.ToDidKey(), ["vct"] = "https://openler.example/vct/x", ["a_number"] = Canary };
        var issued = SdJwtVc.Issue(claims, issuer, kid, ["a_number"], random, DateTimeOffset.UnixEpoch.AddYears(56)).Value;
        var secrets = new List<string> { Canary, issued.Compact, issued.IssuerJwt };
        secrets.AddRange(issued.Disclosures.SelectMany(d => new[] { d.Encoded, d.Salt }));

        var texts = new List<string> { issued.ToString(), $"{issued}" };
        texts.AddRange(issued.Disclosures.Select(d => d.ToString()));
        var verifier = new CredentialVerifier(new CredentialVerifierOptions { KeyBinding = new KeyBindingRequirement { Nonce = "n", Audience = "a" } });
        foreach (var input in new[]
        {
            issued.Compact, // key binding missing
            issued.Compact + issued.Disclosures[0].Encoded + "~", // repeated disclosure
            issued.Compact.Replace("~", "~x", StringComparison.Ordinal), // malformed disclosures
            issued.Compact + "eyJhbGciOiJFUzI1NiJ9.e30.AAAA", // bad KB-JWT
        })
        {
            var result = await verifier.VerifyAsync(input, TestContext.Current.CancellationToken);
            Assert.False(result.Verified);
            texts.AddRange(result.Checks.Select(c => $"{c.Name} {c.Code} {c.Message} {c}"));
        }

        var plain = SdJwtVerifier.Verify(issued.Compact, issuer.PublicKey, null, DateTimeOffset.UnixEpoch.AddYears(56));
        texts.Add(plain.ToString());
        texts.Add(plain.Processed!.ToString());
        texts.AddRange(plain.Processed.Disclosed.Select(d => d.ToString()));
        texts.Add(SdJwtCompact.Parse(issued.Compact, 100_000).Value.ToString());

        foreach (var text in texts)
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }
    }
}
