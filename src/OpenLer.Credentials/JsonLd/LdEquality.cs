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

    /// <summary>A hash consistent with <see cref="Equivalent"/> (maps hash without regard to entry order).</summary>
    public static int Hash(object? value)
    {
        switch (value)
        {
            case null:
                return 0;
            case string s:
                return string.GetHashCode(s, StringComparison.Ordinal);
            case double d:
                return d.GetHashCode();
            case bool b:
                return b ? 1 : 2;
            case JsonLiteral:
                return 3;
            case List<object?> list:
                var listHash = 17;
                foreach (var item in list)
                {
                    listHash = HashCode.Combine(listHash, Hash(item));
                }

                return listHash;
            case LdMap map:
                var mapHash = map.Count;
                foreach (var (key, entry) in map)
                {
                    mapHash += HashCode.Combine(string.GetHashCode(key, StringComparison.Ordinal), Hash(entry));
                }

                return mapHash;
            default:
                return value.GetHashCode();
        }
    }

    /// <summary>Compares by <see cref="Equivalent"/> and <see cref="Hash"/>.</summary>
    public sealed class Comparer : IEqualityComparer<object?>
    {
        public static readonly Comparer Instance = new();

        public new bool Equals(object? x, object? y) => Equivalent(x, y);

        public int GetHashCode(object? obj) => Hash(obj);
    }
}

/// <summary>
/// "Append unless an equivalent item is already there" for the node map (JSON-LD API §7.2.2 steps 4, 6.5, 6.6, 6.7):
/// a linear scan for short lists, a hash set once a list grows, so a document with a huge array stays linear.
/// </summary>
internal sealed class UniqueAppender
{
    private const int LinearLimit = 16;
    private readonly Dictionary<List<object?>, HashSet<object?>> _sets = new(ReferenceEqualityComparer.Instance);

    public void Add(List<object?> list, object? item)
    {
        if (list.Count < LinearLimit)
        {
            foreach (var existing in list)
            {
                if (LdEquality.Equivalent(existing, item))
                {
                    return;
                }
            }

            list.Add(item);
            return;
        }

        if (!_sets.TryGetValue(list, out var set))
        {
            set = new HashSet<object?>(list, LdEquality.Comparer.Instance);
            _sets[list] = set;
        }

        if (set.Add(item))
        {
            list.Add(item);
        }
    }
}
