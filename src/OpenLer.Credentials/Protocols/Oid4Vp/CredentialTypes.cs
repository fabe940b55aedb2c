using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.JsonLd;

namespace OpenLer.Credentials.Protocols.Oid4Vp;

/// <summary>
/// The types of a W3C credential for DCQL <c>type_values</c> (OpenID4VP 1.0 §B.1.1): the fully expanded IRIs after applying
/// its <c>@context</c> (JSON-LD expansion over the embedded contexts), together with the <c>type</c> values as written, so
/// that a query naming compact types (as many verifiers write them) matches as well.
/// </summary>
public static class CredentialTypes
{
    private static readonly Lazy<JsonLdProcessor> Processor = new(() => new JsonLdProcessor(ContextDocumentLoader.Default));

    public static IReadOnlySet<string> Of(JsonObject credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var types = new HashSet<string>(CredentialFields.Types(credential), StringComparer.Ordinal);
        var document = (JsonObject)credential.DeepClone();
        document.Remove("proof");
        var expanded = Processor.Value.Expand(document);
        if (expanded.IsSuccess && expanded.Value.Count > 0 && expanded.Value[0] is JsonObject node && node["@type"] is JsonArray iris)
        {
            foreach (var iri in iris)
            {
                if (iri is JsonValue v && v.TryGetValue<string>(out var s))
                {
                    types.Add(s);
                }
            }
        }

        return types;
    }

    /// <summary>True when every type of at least one alternative is among <paramref name="types"/>.</summary>
    public static bool Match(IReadOnlySet<string> types, IReadOnlyList<IReadOnlyList<string>> alternatives)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(alternatives);
        return alternatives.Any(set => set.All(types.Contains));
    }

    /// <summary>The expanded IRIs of the Open Badges 3.0 credential, for a verifier's query.</summary>
    public static IReadOnlyList<string> OpenBadgeCredential { get; } =
        ["https://www.w3.org/2018/credentials#VerifiableCredential", "https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential"];
}
