using System.Numerics;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Encodings;
using OpenLer.Credentials.Keys;

namespace OpenLer.Credentials.Dids;

/// <summary>
/// did:key (W3C CCG did:key Method v0.7): the DID is the public key as a Multikey; resolution is a pure function that
/// builds the document (§3.1.3 "Create a did:key Document"). Ed25519, P-256, P-384 signature keys and X25519 key agreement
/// keys are supported; other multicodecs (secp256k1, BLS, RSA) are refused with UNKNOWN_MULTICODEC_ERROR.
/// </summary>
public sealed class DidKey : IDidResolver
{
    private static readonly BigInteger Curve25519P = BigInteger.Pow(2, 255) - 19;

    private static readonly (string Prefix, string Name)[] KnownPrefixes =
        [("z6Mk", "Ed25519"), ("z6LS", "X25519"), ("zDna", "P-256"), ("z82L", "P-384")];

    private static bool IsKnownCodec(ulong code) =>
        code is Multicodec.Ed25519Pub or Multicodec.X25519Pub or Multicodec.P256Pub or Multicodec.P384Pub;

    /// <summary>Also list an X25519 key derived from an Ed25519 key under keyAgreement (did:key enableEncryptionKeyDerivation).</summary>
    public bool DeriveEncryptionKey { get; init; }

    public static string For(PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.ToDidKey();
    }

    // did:key resolution is a pure function: memoize it (key parsing and EC point validation are the costly parts).
    private readonly BoundedCache<string, Outcome<DidDocument>> _cache = new(4096);

    public ValueTask<Outcome<DidDocument>> ResolveAsync(string did, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Resolve(did));

    public Outcome<DidDocument> Resolve(string did)
    {
        ArgumentNullException.ThrowIfNull(did);
        return did.Length > 2048 ? ResolveUncached(did) : _cache.GetOrAdd(did, ResolveUncached);
    }

    private Outcome<DidDocument> ResolveUncached(string did)
    {
        if (!did.StartsWith("did:key:", StringComparison.Ordinal) || did.Length > 2048)
        {
            return Outcome.Error(ErrorCodes.InvalidDid, "Not a did:key.");
        }

        var multibase = did[8..];
        if (!multibase.StartsWith('z'))
        {
            return Outcome.Error(ErrorCodes.InvalidDid, "A did:key must be base58btc multibase ('z').");
        }

        var decoded = Multibase.Decode(multibase);
        if (!decoded.IsSuccess)
        {
            return decoded.Error;
        }

        var split = Multicodec.Split(decoded.Value);
        if (!split.IsSuccess || !IsKnownCodec(split.Value.Code))
        {
            // Base58 truncation scrambles the leading bytes: recognize the well-known prefixes to say what happened.
            foreach (var (prefix, name) in KnownPrefixes)
            {
                if (multibase.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return Outcome.Error(ErrorCodes.InvalidKeyLength, $"The did:key looks like a truncated or padded {name} key.");
                }
            }

            return split.IsSuccess
                ? Outcome.Error(ErrorCodes.UnknownMulticodec, $"Unsupported multicodec key type 0x{split.Value.Code:x}.")
                : split.Error;
        }

        var (code, data) = split.Value;
        if (code == Multicodec.X25519Pub)
        {
            return data.Length == 32
                ? Build(did, multibase, null, keyAgreementOnly: true)
                : Outcome.Error(ErrorCodes.InvalidKeyLength, "An X25519 did:key is 32 bytes.");
        }

        var key = PublicKey.FromMultibase(multibase);
        if (!key.IsSuccess)
        {
            return key.Error;
        }

        return Build(did, multibase, key.Value, keyAgreementOnly: false);
    }

    private Outcome<DidDocument> Build(string did, string multibase, PublicKey? key, bool keyAgreementOnly)
    {
        var vmId = did + "#" + multibase;
        var methods = new List<VerificationMethod> { new(vmId, "Multikey", did, key) };
        var multibases = new List<string> { multibase };
        var signing = keyAgreementOnly ? new List<string>() : [vmId];
        var keyAgreement = keyAgreementOnly ? [vmId] : new List<string>();
        if (!keyAgreementOnly && DeriveEncryptionKey && key is { Type: KeyType.Ed25519 })
        {
            var x25519 = Multibase.EncodeBase58Btc(Multicodec.Prefix(Multicodec.X25519Pub, Ed25519ToX25519(key.Raw)));
            var kaId = did + "#" + x25519;
            methods.Add(new VerificationMethod(kaId, "Multikey", did, null));
            multibases.Add(x25519);
            keyAgreement.Add(kaId);
        }

        JsonObject BuildJson()
        {
            var json = new JsonObject
            {
                ["@context"] = new JsonArray("https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"),
                ["id"] = did,
                ["verificationMethod"] = new JsonArray([.. multibases.Select(m => (JsonNode)MethodJson(did + "#" + m, did, m))]),
            };
            foreach (var name in new[] { "authentication", "assertionMethod", "capabilityDelegation", "capabilityInvocation" })
            {
                if (signing.Count > 0)
                {
                    json[name] = new JsonArray([.. signing.Select(s => (JsonNode)s)]);
                }
            }

            if (keyAgreement.Count > 0)
            {
                json["keyAgreement"] = new JsonArray([.. keyAgreement.Select(s => (JsonNode)s)]);
            }

            return json;
        }

        var relationships = new Dictionary<VerificationRelationship, IEnumerable<string>>
        {
            [VerificationRelationship.Authentication] = signing,
            [VerificationRelationship.AssertionMethod] = signing,
            [VerificationRelationship.CapabilityDelegation] = signing,
            [VerificationRelationship.CapabilityInvocation] = signing,
            [VerificationRelationship.KeyAgreement] = keyAgreement,
        };
        return new DidDocument(did, methods, relationships, BuildJson);
    }

    private static JsonObject MethodJson(string id, string did, string multibase) => new()
    {
        ["id"] = id,
        ["type"] = "Multikey",
        ["controller"] = did,
        ["publicKeyMultibase"] = multibase,
    };

    /// <summary>The birational map from Ed25519 to Curve25519 (RFC 7748 §4.1): u = (1 + y) / (1 − y) mod p.</summary>
    internal static byte[] Ed25519ToX25519(ReadOnlySpan<byte> ed25519PublicKey)
    {
        Span<byte> yBytes = stackalloc byte[32];
        ed25519PublicKey.CopyTo(yBytes);
        yBytes[31] &= 0x7f;
        var y = new BigInteger(yBytes, isUnsigned: true, isBigEndian: false);
        var p = Curve25519P;
        var numerator = (1 + y) % p;
        var denominator = ((1 - y) % p + p) % p;
        var u = numerator * BigInteger.ModPow(denominator, p - 2, p) % p;
        var result = new byte[32];
        u.TryWriteBytes(result, out _, isUnsigned: true, isBigEndian: false);
        return result;
    }
}
