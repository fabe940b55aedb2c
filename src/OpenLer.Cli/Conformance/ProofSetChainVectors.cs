using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Dids;
using OpenLer.Credentials.Jcs;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;

namespace OpenLer.Cli.Conformance;

/// <summary>
/// vc-di-eddsa TestVectors/proof-set-chain (VC Data Integrity §2.1.2 proof sets, §2.1.3 proof chains, eddsa-rdfc-2022):
/// each signed document verifies, and adding each proof in turn (sets: config 1, 2; chains: config 1, 2 with
/// previousProof) reproduces the next signed document byte for byte.
/// </summary>
internal static class ProofSetChainVectors
{
    private static readonly (string Config, string Input, string Output)[] Steps =
    [
        ("proofSetConfig1.json", "unsigned.json", "signedProofSet1.json"),
        ("proofSetConfig2.json", "signedProofSet1.json", "signedProofSet2.json"),
        ("proofChainConfig1.json", "signedProofSet2.json", "signedProofChain1.json"),
        ("proofChainConfig2.json", "signedProofChain1.json", "signedProofChain2.json"),
    ];

    public static IEnumerable<ConformanceCase> Cases(string folder, CryptosuiteRegistry registry)
    {
        JsonObject Read(string name) => StrictJson.ParseObject(File.ReadAllBytes(Path.Combine(folder, name))).Value;
        foreach (var (config, input, output) in Steps)
        {
            yield return new($"proof-set-chain/verify/{output}", () =>
            {
                var verifier = new DataIntegrityVerifier(registry, new DidVerificationMethodResolver(DidResolver.Offline), TimeProvider.System);
                var result = verifier.VerifyAsync(Read(output), new ProofExpectations { ExpectedController = null }).GetAwaiter().GetResult();
                return result.Proof.Status == CheckStatus.Passed ? ConformanceOutcome.Pass() : ConformanceOutcome.Fail($"{result.Proof.Code}: {result.Proof.Message}");
            });
            yield return new($"proof-set-chain/create/{output}", () =>
            {
                var options = Read(config);
                var vm = (string)options["verificationMethod"]!;
                using var key = FindKey(Read("multiKeyPairs.json"), vm[(vm.IndexOf('#', StringComparison.Ordinal) + 1)..]);
                _ = XsdDateTime.TryParse((string?)options["created"], out var created);
                var previous = options["previousProof"] switch
                {
                    JsonValue v => new[] { (string)v! },
                    JsonArray a => a.Select(x => (string)x!).ToArray(),
                    _ => null,
                };
                var signed = new DataIntegritySigner(registry, TimeProvider.System).Sign(Read(input), key, new ProofOptions
                {
                    Cryptosuite = (string)options["cryptosuite"]!,
                    VerificationMethod = vm,
                    ProofPurpose = (string)options["proofPurpose"]!,
                    Created = created,
                    Id = (string?)options["id"],
                    PreviousProof = previous,
                });
                if (!signed.IsSuccess)
                {
                    return ConformanceOutcome.Fail(signed.Error.ToString());
                }

                var expected = Read(output);
                return JsonNode.DeepEquals(Normalize(expected), Normalize(signed.Value))
                    ? ConformanceOutcome.Pass()
                    : ConformanceOutcome.Expect(JsonCanonicalizer.CanonicalizeToString(expected), JsonCanonicalizer.CanonicalizeToString(signed.Value));
            });
        }
    }

    /// <summary>Proof property order is not significant; compare canonical forms.</summary>
    private static JsonNode Normalize(JsonObject document) => JsonNode.Parse(JsonCanonicalizer.CanonicalizeToString(document))!;

    private static KeyPair FindKey(JsonObject keyPairs, string publicKeyMultibase)
    {
        foreach (var (_, pair) in keyPairs)
        {
            if ((string?)pair!["publicKeyMultibase"] == publicKeyMultibase)
            {
                return KeyPair.FromPrivateMultibase((string?)pair["privateKeyMultibase"] ?? (string?)pair["secretKeyMultibase"]).Value;
            }
        }

        throw new InvalidDataException($"no key pair for {publicKeyMultibase}");
    }
}
