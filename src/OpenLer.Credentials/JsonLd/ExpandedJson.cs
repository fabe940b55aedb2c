using System.Text.Json.Nodes;

namespace OpenLer.Credentials.JsonLd;

/// <summary>Converts the internal representation of an expanded document to <see cref="JsonNode"/>s.</summary>
internal static class ExpandedJson
{
    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        double d => JsonValue.Create(d),
        JsonLiteral literal => literal.Node?.DeepClone(),
        List<object?> list => ToArray(list),
        LdMap map => ToObject(map),
        _ => throw new InvalidOperationException($"Unexpected value in expanded form: {value.GetType().Name}"),
    };

    public static JsonArray ToArray(List<object?> list)
    {
        var array = new JsonArray();
        foreach (var item in list)
        {
            array.Add(ToJson(item));
        }

        return array;
    }

    private static JsonObject ToObject(LdMap map)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in map)
        {
            obj[key] = ToJson(value);
        }

        return obj;
    }
}
