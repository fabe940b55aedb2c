using System.Security.Cryptography;
using System.Text.Json.Nodes;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Dids;
using OpenLer.Credentials.Encodings;
using OpenLer.Credentials.Jcs;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;

namespace OpenLer.Cli.Conformance;

/// <summary>
/// One set of W3C Data Integrity test vectors (vc-di-eddsa / vc-di-ecdsa TestVectors): the intermediate values of a
/// cryptosuite's algorithm for one input document, in files named <c>{stem}{Suffix}</c> (see the folders' PROVENANCE.md).
/// </summary>
internal sealed record DataIntegrityVectorSet(
    string Id,
    string Folder,
    string Suffix,
    string UnsignedFile,
    string KeyFile,
    ICryptosuite Suite,
    CryptosuiteRegistry Registry,
    bool DeterministicSignature,
    Func<JsonObject, string> CanonicalizeDocument,
    Func<JsonObject, string> CanonicalizeProofConfig);

/// <summary>Turns a vector set into conformance cases: canonical forms and hashes byte-exact, signatures, sign, verify.</summary>
internal static class DataIntegrityVectors
{
    public static IEnumerable<ConformanceCase> Cases(string testVectors, DataIntegrityVectorSet set)
    {
        var folder = Path.Combine(testVectors, set.Folder);
        string F(string stem, string ext) => Path.Combine(folder, stem + set.Suffix + ext);
        JsonObject Read(string path) => StrictJson.ParseObject(File.ReadAllBytes(path)).Value;
        string Text(string path) => File.ReadAllText(path);
        JsonObject Unsigned() => Read(Path.Combine(testVectors, set.UnsignedFile));
        JsonObject ProofConfig() => Read(F("proofConfig", ".json"));
        var p384 = set.Suffix.Contains("P384", StringComparison.Ordinal);
        var hash = p384 ? (Func<byte[], byte[]>)SHA384.HashData : SHA256.HashData;
        string Hex(string s) => Convert.ToHexStringLower(hash(System.Text.Encoding.UTF8.GetBytes(s)));

        yield return new($"{set.Id}/canonical-document", () =>
            ConformanceOutcome.Expect(Text(F("canonDoc", ".txt")), set.CanonicalizeDocument(Unsigned())));
        yield return new($"{set.Id}/canonical-proof-config", () =>
            ConformanceOutcome.Expect(Text(F("proofCanon", ".txt")), set.CanonicalizeProofConfig(ProofConfig())));
        yield return new($"{set.Id}/document-hash", () =>
            ConformanceOutcome.Expect(Text(F("docHash", ".txt")).Trim(), Hex(set.CanonicalizeDocument(Unsigned()))));
        yield return new($"{set.Id}/proof-hash", () =>
            ConformanceOutcome.Expect(Text(F("proofHash", ".txt")).Trim(), Hex(set.CanonicalizeProofConfig(ProofConfig()))));
        yield return new($"{set.Id}/combined-hash", () =>
        {
            var combined = Hex(set.CanonicalizeProofConfig(ProofConfig())) + Hex(set.CanonicalizeDocument(Unsigned()));
            return ConformanceOutcome.Expect(Text(F("combinedHash", ".txt")).Trim(), combined);
        });
        yield return new($"{set.Id}/verify-data", () =>
        {
            using var key = LoadKey(Path.Combine(testVectors, set.KeyFile));
            var unsigned = Unsigned();
            if (set.Suite.RequiredContext(unsigned) is { } required && unsigned["@context"] is JsonArray contexts && !contexts.Any(c => (string?)c == required))
            {
                contexts.Add(required); // as the signer does (the vector's signed document carries the suite context)
            }

            var verifyData = set.Suite.CreateVerifyData(unsigned, ProofConfig(), key.Type, verifying: false);
            return verifyData.IsSuccess
                ? ConformanceOutcome.Expect(Text(F("combinedHash", ".txt")).Trim(), Convert.ToHexStringLower(verifyData.Value))
                : ConformanceOutcome.Fail(verifyData.Error.ToString());
        });
        yield return new($"{set.Id}/signature", () =>
        {
            using var key = LoadKey(Path.Combine(testVectors, set.KeyFile));
            var message = Convert.FromHexString(Text(F("combinedHash", ".txt")).Trim());
            var expected = Convert.FromHexString(Text(F("sigHex", ".txt")).Trim());
            // sigBTC58 files hold base58btc, some with the multibase prefix "z" and some without.
            var b58 = Text(F("sigBTC58", ".txt")).Trim();
            static bool Same(Credentials.Common.Outcome<byte[]> decoded, byte[] bytes) => decoded.IsSuccess && decoded.Value.AsSpan().SequenceEqual(bytes);
            if (!Same(Base58Btc.Decode(b58), expected) && !Same(Multibase.Decode(b58), expected))
            {
                return ConformanceOutcome.Fail("sigBTC58 does not decode to sigHex");
            }

            if (!key.PublicKey.Verify(message, expected))
            {
                return ConformanceOutcome.Fail("the vector's signature does not verify with the vector's key");
            }

            var ours = key.Sign(message);
            return set.DeterministicSignature
                ? ConformanceOutcome.Expect(Convert.ToHexStringLower(expected), Convert.ToHexStringLower(ours))
                : key.PublicKey.Verify(message, ours) ? ConformanceOutcome.Pass() : ConformanceOutcome.Fail("our signature does not verify");
        });
        yield return new($"{set.Id}/create-proof", () =>
        {
            using var key = LoadKey(Path.Combine(testVectors, set.KeyFile));
            var config = ProofConfig();
            var signer = new DataIntegritySigner(set.Registry, TimeProvider.System);
            _ = Credentials.Common.XsdDateTime.TryParse((string?)config["created"], out var created);
            var signed = signer.Sign(Unsigned(), key, new ProofOptions
            {
                Cryptosuite = set.Suite.Name ?? set.Suite.ProofType,
                VerificationMethod = (string)config["verificationMethod"]!,
                ProofPurpose = (string)config["proofPurpose"]!,
                Created = created,
            });
            if (!signed.IsSuccess)
            {
                return ConformanceOutcome.Fail(signed.Error.ToString());
            }

            if (set.DeterministicSignature)
            {
                var expected = Read(F("signed", ".json"));
                return JsonNode.DeepEquals(expected, signed.Value)
                    ? ConformanceOutcome.Pass()
                    : ConformanceOutcome.Expect(JsonCanonicalizer.CanonicalizeToString(expected), JsonCanonicalizer.CanonicalizeToString(signed.Value));
            }

            return VerifyProof(set, signed.Value);
        });
        yield return new($"{set.Id}/verify-proof", () => VerifyProof(set, Read(F("signed", ".json"))));
        yield return new($"{set.Id}/reject-tampered", () =>
        {
            var signed = Read(F("signed", ".json"));
            signed["validFrom"] = "2099-01-01T00:00:00Z";
            var outcome = VerifyProof(set, signed);
            return outcome.Passed ? ConformanceOutcome.Fail("a tampered document verified") : ConformanceOutcome.Pass();
        });
    }

    /// <summary>Verifies only the cryptographic proof: the vectors' issuers are not the did:key signers, so no binding check.</summary>
    private static ConformanceOutcome VerifyProof(DataIntegrityVectorSet set, JsonObject signed)
    {
        var verifier = new DataIntegrityVerifier(set.Registry, new DidVerificationMethodResolver(DidResolver.Offline), TimeProvider.System);
        var result = verifier.VerifyAsync(signed, new ProofExpectations { ExpectedController = null }).GetAwaiter().GetResult();
        return result.Proof.Status == Credentials.Common.CheckStatus.Passed
            ? ConformanceOutcome.Pass()
            : ConformanceOutcome.Fail($"{result.Proof.Code}: {result.Proof.Message}");
    }

    internal static KeyPair LoadKey(string path)
    {
        var json = StrictJson.ParseObject(File.ReadAllBytes(path)).Value;
        var secret = (string?)json["secretKeyMultibase"] ?? (string?)json["privateKeyMultibase"];
        var key = KeyPair.FromPrivateMultibase(secret);
        if (!key.IsSuccess)
        {
            throw new InvalidDataException($"{path}: {key.Error}");
        }

        var expectedPublic = (string?)json["publicKeyMultibase"];
        if (expectedPublic is not null && key.Value.PublicKey.ToMultibase() != expectedPublic)
        {
            throw new InvalidDataException($"{path}: the private key does not match publicKeyMultibase.");
        }

        return key.Value;
    }

    internal static string Jcs(JsonObject obj) => JsonCanonicalizer.CanonicalizeToString(obj);

    /// <summary>The RDFC transformation of a suite, as text (what canonDoc*.txt / proofCanon*.txt hold).</summary>
    internal static Func<JsonObject, string> Rdfc(CryptosuiteRegistry registry, string name, bool sha384 = false)
    {
        var suite = (RdfcCryptosuite)registry.FindByName(name)!;
        var options = sha384 ? new Credentials.Rdf.RdfcOptions { HashAlgorithm = Credentials.Rdf.RdfcHashAlgorithm.Sha384 } : null;
        return document =>
        {
            var canonical = suite.Canonicalize(document, options);
            return canonical.IsSuccess ? System.Text.Encoding.UTF8.GetString(canonical.Value.Span) : canonical.Error.ToString();
        };
    }
}
