using System.Text.Json.Nodes;

namespace OpenLer.Credentials.Verification;

/// <summary>
/// VC Data Model 2.0, "Restrictions on JSON-LD": a credential (<c>application/vc</c>) MUST be in JSON-LD compacted document
/// form. A key that is a full or compact IRI, or a JSON-LD keyword where the contexts define a term (<c>@id</c>,
/// <c>@type</c>, <c>@graph</c>, ...), is refused: such keys reach the signed RDF but not the JSON a reader sees, so what is
/// shown and what is signed could differ (SECURITY.md LD-08). Value objects with <c>@value</c>, <c>@language</c> and
/// <c>@direction</c> (VC 2.0 §11.1) stay allowed, and <c>@context</c> values are not inspected.
/// </summary>
internal static class CompactedForm
{
    /// <summary>Null when every key is a term; otherwise a message naming the first offending key and where it is.</summary>
    public static string? Check(JsonObject credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        return Check(credential, "$");
    }

    private static string? Check(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                var isValueObject = obj.ContainsKey("@value");
                foreach (var (name, value) in obj)
                {
                    if (name == "@context")
                    {
                        continue;
                    }

                    if (name.StartsWith('@') ? !(isValueObject && name is "@value" or "@language" or "@direction") : name.Contains(':', StringComparison.Ordinal))
                    {
                        return $"The credential is not in JSON-LD compacted form: the key '{Shorten(name)}' at {path} is "
                            + (name.StartsWith('@') ? "a JSON-LD keyword" : "an IRI, not a term of its contexts") + ".";
                    }

                    if (Check(value, path + "." + Shorten(name)) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (Check(array[i], $"{path}[{i}]") is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static string Shorten(string name)
    {
        var text = name.Length > 60 ? name[..60] + "…" : name;
        return string.Concat(text.Select(c => char.IsControl(c) ? '?' : c));
    }
}
