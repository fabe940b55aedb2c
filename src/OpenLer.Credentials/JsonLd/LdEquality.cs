using System.Text.Json.Nodes;

namespace OpenLer.Credentials.JsonLd;

/// <summary>Deep equality of internal-representation values ("two maps are equal if they have equivalent entries").</summary>
internal static class LdEquality
{
    public static bool Equivalent(object? a, object? b)
    {
        switch (a)
        {
            case null:
                return b is null;
            case string s:
                return b is string t && string.Equals(s, t, StringComparison.Ordinal);
            case double d:
                return b is double e && d.Equals(e);
            case bool x:
                return b is bool y && x == y;
            case JsonLiteral j:
                return b is JsonLiteral k && JsonNode.DeepEquals(j.Node, k.Node);
            case List<object?> list:
                if (b is not List<object?> other || other.Count != list.Count)
                {
                    return false;
                }

                for (var i = 0; i < list.Count; i++)
                {
                    if (!Equivalent(list[i], other[i]))
                    {
                        return false;
                    }
                }

                return true;
            case LdMap map:
                if (b is not LdMap otherMap || otherMap.Count != map.Count)
                {
                    return false;
                }

                foreach (var (key, value) in map)
                {
                    if (!otherMap.TryGetValue(key, out var otherValue) || !Equivalent(value, otherValue))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return Equals(a, b);
        }
    }

    /// <summary>Appends <paramref name="item"/> unless an equivalent item is already there.</summary>
    public static void AddUnique(List<object?> list, object? item)
    {
        foreach (var existing in list)
        {
            if (Equivalent(existing, item))
            {
                return;
            }
        }

        list.Add(item);
    }
}
