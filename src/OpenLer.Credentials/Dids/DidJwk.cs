using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Encodings;
using OpenLer.Credentials.Jcs;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;

namespace OpenLer.Credentials.Dids;

/// <summary>
/// did:jwk (did:jwk Method Specification): the DID is base64url(UTF-8 JWK); the document has one method "#0".
/// A JWK with "use":"enc" is listed only under keyAgreement, "use":"sig" only under the signature relationships.
/// A did:jwk carrying private key material ("d") is refused (CP-22).
/// </summary>
public sealed class DidJwk : IDidResolver
{
    private static readonly JsonLimits Limits = new() { MaxBytes = 4096, MaxDepth = 4 };

    /// <summary>did:jwk of a public key, with the JWK's members in canonical (JCS) order.</summary>
    public static string For(PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return "did:jwk:" + Base64Url.Encode(JsonCanonicalizer.Canonicalize(key.ToJwk()));
    }

    private static readonly BoundedCache<string, Outcome<DidDocument>> Cache = new(4096);

    public ValueTask<Outcome<DidDocument>> ResolveAsync(string did, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Resolve(did));

    public static Outcome<DidDocument> Resolve(string did)
    {
        ArgumentNullException.ThrowIfNull(did);
        return did.Length > 4096 ? ResolveUncached(did) : Cache.GetOrAdd(did, ResolveUncached);
    }

    private static Outcome<DidDocument> ResolveUncached(string did)
    {
        if (!did.StartsWith("did:jwk:", StringComparison.Ordinal) || did.Length > 4096)
        {
            return Outcome.Error(ErrorCodes.InvalidDid, "Not a did:jwk.");
        }

        var bytes = Base64Url.Decode(did.AsSpan(8));
        if (!bytes.IsSuccess)
        {
            return Outcome.Error(ErrorCodes.InvalidDid, "The did:jwk identifier is not base64url.");
        }

        var parsed = StrictJson.ParseObject(bytes.Value, Limits);
        if (!parsed.IsSuccess)
        {
            return Outcome.Error(ErrorCodes.InvalidDid, $"The did:jwk identifier is not a JWK: {parsed.Error.Message}");
        }

        var jwk = parsed.Value;
        if (jwk.ContainsKey("d"))
        {
            return Outcome.Error(ErrorCodes.InvalidJwk, "A did:jwk must not contain private key material (\"d\").");
        }

        var use = jwk["use"] is JsonValue u && u.TryGetValue<string>(out var useText) ? useText : null;
        var isX25519 = jwk["crv"] is JsonValue c && c.TryGetValue<string>(out var crv) && crv == "X25519";
        PublicKey? key = null;
        if (!isX25519)
        {
            var publicKey = PublicKey.FromJwk(jwk);
            if (!publicKey.IsSuccess)
            {
                return publicKey.Error;
            }

            key = publicKey.Value;
        }

        var vmId = did + "#0";
        var signing = use == "enc" || isX25519 ? new List<string>() : [vmId];
        var keyAgreement = use == "sig" ? new List<string>() : [vmId];
        var json = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/jws-2020/v1"),
            ["id"] = did,
            ["verificationMethod"] = new JsonArray(new JsonObject
            {
                ["id"] = vmId,
                ["type"] = "JsonWebKey2020",
                ["controller"] = did,
                ["publicKeyJwk"] = jwk.DeepClone(),
            }),
        };
        foreach (var name in new[] { "assertionMethod", "authentication", "capabilityInvocation", "capabilityDelegation" })
        {
            if (signing.Count > 0)
            {
                json[name] = new JsonArray(vmId);
            }
        }

        if (keyAgreement.Count > 0)
        {
            json["keyAgreement"] = new JsonArray(vmId);
        }

        var relationships = new Dictionary<VerificationRelationship, IEnumerable<string>>
        {
            [VerificationRelationship.AssertionMethod] = signing,
            [VerificationRelationship.Authentication] = signing,
            [VerificationRelationship.CapabilityInvocation] = signing,
            [VerificationRelationship.CapabilityDelegation] = signing,
            [VerificationRelationship.KeyAgreement] = keyAgreement,
        };
        return new DidDocument(did, [new VerificationMethod(vmId, "JsonWebKey2020", did, key)], relationships, json);
    }
}
