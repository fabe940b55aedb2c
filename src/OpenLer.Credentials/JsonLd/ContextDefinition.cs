using System.Text.Json.Nodes;

namespace OpenLer.Credentials.JsonLd;

/// <summary>
/// A context definition being processed: the members of a context map in document order, or the result of merging a
/// context into the one it <c>@import</c>s (JSON-LD API §4.1.2 step 5.6.7), without mutating either JSON tree.
/// </summary>
internal sealed class ContextDefinition
{
    private readonly JsonObject? _object;
    private readonly Dictionary<string, JsonNode?>? _merged;
    private readonly List<string>? _order;

    public ContextDefinition(JsonObject obj) => _object = obj;

    private ContextDefinition(Dictionary<string, JsonNode?> merged, List<string> order)
    {
        _merged = merged;
        _order = order;
    }

    /// <summary>Members of <paramref name="context"/> replace those of <paramref name="imported"/>.</summary>
    public static ContextDefinition Merge(JsonObject imported, JsonObject context)
    {
        var merged = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (key, value) in imported)
        {
            merged[key] = value;
            order.Add(key);
        }

        foreach (var (key, value) in context)
        {
            if (!merged.ContainsKey(key))
            {
                order.Add(key);
            }

            merged[key] = value;
        }

        return new ContextDefinition(merged, order);
    }

    public bool ContainsKey(string key) => _object?.ContainsKey(key) ?? _merged!.ContainsKey(key);

    public bool TryGetValue(string key, out JsonNode? value)
    {
        if (_object is not null)
        {
            return _object.TryGetPropertyValue(key, out value);
        }

        return _merged!.TryGetValue(key, out value);
    }

    /// <summary>Member names in document order.</summary>
    public IEnumerable<string> Keys
    {
        get
        {
            if (_object is not null)
            {
                foreach (var member in _object)
                {
                    yield return member.Key;
                }
            }
            else
            {
                foreach (var key in _order!)
                {
                    yield return key;
                }
            }
        }
    }
}
