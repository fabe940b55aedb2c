namespace OpenLer.Credentials.JsonLd;

/// <summary>
/// A map of the expanded (internal) representation: keys are keywords or IRIs; values are strings, boxed numbers
/// (double) and booleans, <see cref="JsonLiteral"/>, nested <see cref="LdMap"/>s and <see cref="List{T}"/> arrays.
/// Lighter than <c>JsonNode</c> and free to share values between trees.
/// </summary>
internal sealed class LdMap : Dictionary<string, object?>
{
    public static readonly object True = true;
    public static readonly object False = false;

    public LdMap()
        : base(StringComparer.Ordinal)
    {
    }

    public LdMap(int capacity)
        : base(capacity, StringComparer.Ordinal)
    {
    }

    public bool IsValueObject => ContainsKey(Keywords.Value);

    public bool IsListObject => ContainsKey(Keywords.List);

    /// <summary>JSON-LD 1.1 §9.4: a map with @graph and at most @id, @index and @context besides.</summary>
    public bool IsGraphObject
    {
        get
        {
            if (!ContainsKey(Keywords.Graph))
            {
                return false;
            }

            foreach (var key in Keys)
            {
                if (key is not (Keywords.Graph or Keywords.Id or Keywords.Index or Keywords.Context))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Not a value, list or set object.</summary>
    public bool IsNodeObject => !ContainsKey(Keywords.Value) && !ContainsKey(Keywords.List) && !ContainsKey(Keywords.Set);

    /// <summary>The "add value" macro of JSON-LD API §1.4.1 with <c>as array</c> true: arrays are flattened in.</summary>
    public void AddValue(string key, object? value)
    {
        if (!TryGetValue(key, out var existing) || existing is not List<object?> list)
        {
            list = existing is null && !ContainsKey(key) ? [] : [existing];
            this[key] = list;
        }

        if (value is List<object?> values)
        {
            list.AddRange(values);
        }
        else
        {
            list.Add(value);
        }
    }

    public static object Box(bool value) => value ? True : False;
}
