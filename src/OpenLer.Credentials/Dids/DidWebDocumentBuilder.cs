using System.Text.Json.Nodes;
using OpenLer.Credentials.Keys;

namespace OpenLer.Credentials.Dids;

/// <summary>A key an organization publishes: its fragment ("key-1"), the key, and whether it still signs (CP-21).</summary>
public sealed record PublishedKey(string Fragment, PublicKey Key);

/// <summary>
/// Builds an organization's did:web document (DID Core §5, Multikey per Controlled Identifiers 1.0 §2.2.2). Every published
/// key is an assertionMethod, so credentials signed with a rotated-out key keep verifying; a compromised key is simply not
/// published. Only the first key (the current one) is listed under authentication.
/// </summary>
public static class DidWebDocumentBuilder
{
    public static JsonObject Build(string did, IReadOnlyList<PublishedKey> keys)
    {
        ArgumentException.ThrowIfNullOrEmpty(did);
        ArgumentNullException.ThrowIfNull(keys);
        if (!did.StartsWith("did:web:", StringComparison.Ordinal))
        {
            throw new ArgumentException("Not a did:web.", nameof(did));
        }

        var methods = new JsonArray();
        var assertion = new JsonArray();
        foreach (var key in keys)
        {
            var id = did + "#" + key.Fragment;
            methods.Add(new JsonObject
            {
                ["id"] = id,
                ["type"] = "Multikey",
                ["controller"] = did,
                ["publicKeyMultibase"] = key.Key.ToMultibase(),
            });
            assertion.Add(id);
        }

        var document = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"),
            ["id"] = did,
            ["verificationMethod"] = methods,
            ["assertionMethod"] = assertion,
        };
        if (keys.Count > 0)
        {
            document["authentication"] = new JsonArray(did + "#" + keys[0].Fragment);
        }

        return document;
    }
}
