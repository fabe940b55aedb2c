using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Dids;
using OpenLer.Credentials.Encodings;
using OpenLer.Credentials.Keys;

namespace OpenLer.Cli.Conformance;

/// <summary>
/// The did:key test vectors (w3c-ccg/did-method-key test-vectors/*.json). For Ed25519, X25519, P-256 and P-384 DIDs:
/// resolution gives the vector's verification method id and key bytes (the 2022 vectors use older method types, so keys
/// are compared, not whole documents), the derived X25519 key agreement key matches, and the seed or private key
/// produces the same DID. For key types OpenLER does not support (secp256k1, BLS12-381, RSA, P-521) resolution must
/// refuse cleanly with UNKNOWN_MULTICODEC_ERROR.
/// </summary>
internal sealed class DidKeySuite : IConformanceSuite
{
    public string Name => "did-key";

    public string Folder => "did-key";

    public IEnumerable<ConformanceCase> Cases(string suiteDirectory)
    {
        var folder = Path.Combine(suiteDirectory, "test-vectors");
        foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var json = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            if (json.Count == 1 && json["didDocument"] is JsonObject documents)
            {
                json = documents;
            }

            foreach (var (did, entry) in json)
            {
                var vector = entry!.AsObject();
                var name = Path.GetFileNameWithoutExtension(file);
                yield return new ConformanceCase($"{name}/{did}", () => Run(did, vector));
            }
        }
    }

    private static ConformanceOutcome Run(string did, JsonObject vector)
    {
        var resolver = new DidKey { DeriveEncryptionKey = true };
        var resolved = resolver.Resolve(did);
        var expectedDocument = vector["didDocument"] as JsonObject ?? vector;
        var codec = Multicodec.Split(Multibase.Decode(did[8..]).Value).Value.Code;
        var supported = codec is Multicodec.Ed25519Pub or Multicodec.X25519Pub or Multicodec.P256Pub or Multicodec.P384Pub;
        if (!supported)
        {
            return !resolved.IsSuccess && resolved.Error.Code == ErrorCodes.UnknownMulticodec
                ? ConformanceOutcome.Pass()
                : ConformanceOutcome.Fail($"expected a clean refusal of an unsupported key type, got {(resolved.IsSuccess ? "a document" : resolved.Error.ToString())}");
        }

        if (!resolved.IsSuccess)
        {
            return ConformanceOutcome.Fail(resolved.Error.ToString());
        }

        var document = resolved.Value;
        var relationship = codec == Multicodec.X25519Pub ? "keyAgreement" : "assertionMethod";
        foreach (var rel in codec == Multicodec.Ed25519Pub ? new[] { "assertionMethod", "keyAgreement" } : [relationship])
        {
            var expectedId = (string)expectedDocument[rel]!.AsArray()[0]!;
            var expectedVm = expectedDocument["verificationMethod"]!.AsArray().Single(v => (string)v!["id"]! == expectedId)!.AsObject();
            var ours = document.Find(expectedId);
            if (ours is null)
            {
                return ConformanceOutcome.Fail($"no verification method {expectedId}");
            }

            var relationshipEnum = rel == "keyAgreement" ? VerificationRelationship.KeyAgreement : VerificationRelationship.AssertionMethod;
            if (!document.Authorizes(expectedId, relationshipEnum))
            {
                return ConformanceOutcome.Fail($"{expectedId} is not under {rel}");
            }

            var expectedKey = KeyBytes(expectedVm);
            var ourMultibase = (string)document.Json["verificationMethod"]!.AsArray().Single(v => (string)v!["id"]! == expectedId)!["publicKeyMultibase"]!;
            var ourKey = Multicodec.Split(Multibase.Decode(ourMultibase).Value).Value.Data;
            if (expectedKey is null || !expectedKey.AsSpan().SequenceEqual(ourKey))
            {
                return ConformanceOutcome.Fail($"key bytes differ for {rel}");
            }
        }

        return CheckPrivateKey(did, vector);
    }

    private static ConformanceOutcome CheckPrivateKey(string did, JsonObject vector)
    {
        KeyPair? pair = null;
        try
        {
            if (vector["seed"] is JsonValue seed)
            {
                pair = KeyPair.FromPrivateRaw(KeyType.Ed25519, Convert.FromHexString((string)seed!)).Value;
            }
            else if (vector["verificationMethod"] is JsonObject { } vmJwk && vmJwk["privateKeyJwk"] is JsonObject jwk)
            {
                pair = KeyPair.FromPrivateJwk(jwk).Value;
            }
            else if (vector["verificationMethod"] is JsonObject { } vmB58 && vmB58["privateKeyBase58"] is JsonValue b58)
            {
                pair = KeyPair.FromPrivateRaw(KeyType.P256, Base58Btc.Decode((string)b58!).Value).Value;
            }

            return pair is null || pair.PublicKey.ToDidKey() == did
                ? ConformanceOutcome.Pass()
                : ConformanceOutcome.Fail($"the private key gives {pair.PublicKey.ToDidKey()}");
        }
        finally
        {
            pair?.Dispose();
        }
    }

    private static byte[]? KeyBytes(JsonObject vm)
    {
        if (vm["publicKeyBase58"] is JsonValue b58)
        {
            return Base58Btc.Decode((string)b58!).Value;
        }

        if (vm["publicKeyMultibase"] is JsonValue mb)
        {
            return Multicodec.Split(Multibase.Decode((string)mb!).Value).Value.Data;
        }

        if (vm["publicKeyJwk"] is JsonObject jwk)
        {
            if ((string?)jwk["crv"] == "X25519")
            {
                return Base64Url.Decode((string)jwk["x"]!).Value;
            }

            var key = PublicKey.FromJwk(jwk);
            return key.IsSuccess ? key.Value.Raw.ToArray() : null;
        }

        return null;
    }
}
