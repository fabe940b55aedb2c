using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Encodings;
using OpenLer.Credentials.Keys;

namespace OpenLer.Credentials.Dids;

/// <summary>
/// Reads a DID document from JSON (DID Core §5; Controlled Identifiers 1.0 §2), resolving relative method ids against the
/// document id, and accepting the key formats in use: Multikey, JsonWebKey / JsonWebKey2020 (public JWK only),
/// Ed25519VerificationKey2020 (multibase) and Ed25519VerificationKey2018 (base58).
/// </summary>
public static class DidDocumentReader
{
    /// <summary>More methods than this is not a real organization's document.</summary>
    public const int MaxVerificationMethods = 64;

    public static Outcome<DidDocument> Read(JsonObject json, string expectedDid)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json["id"] is not JsonValue idValue || !idValue.TryGetValue<string>(out var id) || id != expectedDid)
        {
            return Outcome.Error(ErrorCodes.InvalidControlledIdentifierDocumentId,
                "The DID document's id is not the DID that was resolved.");
        }

        var methods = new Dictionary<string, VerificationMethod>(StringComparer.Ordinal);
        var relationships = new Dictionary<VerificationRelationship, IEnumerable<string>>();

        foreach (var node in AsList(json["verificationMethod"]))
        {
            var vm = ReadMethod(node, id);
            if (!vm.IsSuccess)
            {
                return vm.Error;
            }

            if (!methods.TryAdd(vm.Value.Id, vm.Value))
            {
                return Outcome.Error(ErrorCodes.InvalidControlledIdentifierDocument, "Two verification methods share an id.");
            }
        }

        foreach (var relationship in VerificationRelationships.All)
        {
            var ids = new List<string>();
            foreach (var node in AsList(json[relationship.Name()]))
            {
                if (node is JsonValue v && v.TryGetValue<string>(out var reference))
                {
                    ids.Add(reference.StartsWith('#') ? id + reference : reference);
                }
                else
                {
                    var embedded = ReadMethod(node, id);
                    if (!embedded.IsSuccess)
                    {
                        return embedded.Error;
                    }

                    methods.TryAdd(embedded.Value.Id, embedded.Value);
                    ids.Add(embedded.Value.Id);
                }
            }

            relationships[relationship] = ids;
        }

        if (methods.Count > MaxVerificationMethods)
        {
            return Outcome.Error(ErrorCodes.InvalidControlledIdentifierDocument, "The DID document has too many verification methods.");
        }

        return new DidDocument(id, methods.Values, relationships, json);
    }

    private static IEnumerable<JsonNode?> AsList(JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => array,
        _ => [node],
    };

    internal static Outcome<VerificationMethod> ReadMethod(JsonNode? node, string documentId)
    {
        if (node is not JsonObject vm)
        {
            return Outcome.Error(ErrorCodes.InvalidVerificationMethod, "A verification method is not an object.");
        }

        var id = Text(vm["id"]);
        var type = Text(vm["type"]);
        var controller = Text(vm["controller"]);
        if (id is null || type is null || controller is null)
        {
            return Outcome.Error(ErrorCodes.InvalidVerificationMethod, "A verification method needs id, type and controller.");
        }

        if (id.StartsWith('#'))
        {
            id = documentId + id;
        }

        if (vm.ContainsKey("secretKeyMultibase") || vm.ContainsKey("privateKeyJwk") ||
            (vm["publicKeyJwk"] is JsonObject pj && pj.ContainsKey("d")))
        {
            return Outcome.Error(ErrorCodes.InvalidVerificationMethod, "A DID document must not contain private key material.");
        }

        PublicKey? key = null;
        if (Text(vm["publicKeyMultibase"]) is { } multibase)
        {
            var parsed = PublicKey.FromMultibase(multibase);
            key = parsed.IsSuccess ? parsed.Value : null;
            if (key is not null && type == "Ed25519VerificationKey2020" && key.Type != KeyType.Ed25519)
            {
                key = null;
            }
        }
        else if (vm["publicKeyJwk"] is JsonObject jwk)
        {
            var parsed = PublicKey.FromJwk(jwk);
            key = parsed.IsSuccess ? parsed.Value : null;
        }
        else if (Text(vm["publicKeyBase58"]) is { } base58 && type == "Ed25519VerificationKey2018")
        {
            var raw = Base58Btc.Decode(base58);
            key = raw.IsSuccess && PublicKey.FromRaw(KeyType.Ed25519, raw.Value) is { IsSuccess: true } k ? k.Value : null;
        }

        return new VerificationMethod(id, type, controller, key);
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
