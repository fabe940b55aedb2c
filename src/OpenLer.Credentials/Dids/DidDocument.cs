using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace OpenLer.Credentials.Dids;

/// <summary>
/// A resolved DID document (DID Core §5), reduced to what verification needs: its verification methods and which
/// relationships authorize each. <see cref="Json"/> is the document as resolved (did:web) or as generated (did:key, did:jwk).
/// </summary>
public sealed class DidDocument
{
    private readonly ImmutableDictionary<VerificationRelationship, ImmutableHashSet<string>> _relationships;
    private readonly Lazy<JsonObject> _json;

    public DidDocument(
        string id,
        IEnumerable<VerificationMethod> verificationMethods,
        IReadOnlyDictionary<VerificationRelationship, IEnumerable<string>> relationships,
        JsonObject json)
        : this(id, verificationMethods, relationships, () => json)
    {
    }

    /// <summary>A document whose JSON form is built only when asked for (did:key, did:jwk: verification never needs it).</summary>
    public DidDocument(
        string id,
        IEnumerable<VerificationMethod> verificationMethods,
        IReadOnlyDictionary<VerificationRelationship, IEnumerable<string>> relationships,
        Func<JsonObject> json)
    {
        ArgumentNullException.ThrowIfNull(relationships);
        Id = id;
        VerificationMethods = [.. verificationMethods];
        _relationships = relationships.ToImmutableDictionary(kv => kv.Key, kv => kv.Value.ToImmutableHashSet(StringComparer.Ordinal));
        _json = new Lazy<JsonObject>(json);
    }

    public string Id { get; }

    public ImmutableArray<VerificationMethod> VerificationMethods { get; }

    public JsonObject Json => _json.Value;

    /// <summary>Finds a verification method by absolute DID URL or by fragment ("#key-1").</summary>
    public VerificationMethod? Find(string idOrFragment)
    {
        ArgumentNullException.ThrowIfNull(idOrFragment);
        var absolute = idOrFragment.StartsWith('#') ? Id + idOrFragment : idOrFragment;
        foreach (var vm in VerificationMethods)
        {
            if (string.Equals(vm.Id, absolute, StringComparison.Ordinal))
            {
                return vm;
            }
        }

        return null;
    }

    /// <summary>True when the document lists the method under the relationship (by reference or embedded).</summary>
    public bool Authorizes(string verificationMethodId, VerificationRelationship relationship) =>
        _relationships.TryGetValue(relationship, out var ids) && ids.Contains(verificationMethodId);

    public IEnumerable<VerificationMethod> MethodsFor(VerificationRelationship relationship) =>
        VerificationMethods.Where(vm => Authorizes(vm.Id, relationship));
}
