using System.Globalization;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Protocols.Oid4Vp;

/// <summary>
/// A claims path pointer (OpenID4VP 1.0 §7): a non-empty array of strings (object members), non-negative integers (array
/// positions) and nulls (every element of an array). <see cref="Select"/> applies it to a JSON credential (§7.1.1).
/// </summary>
public sealed class ClaimsPath : IEquatable<ClaimsPath>
{
    public const int MaxLength = 16;

    private ClaimsPath(IReadOnlyList<object?> components) => Components = components;

    /// <summary>Each component is a <see cref="string"/>, an <see cref="int"/> (≥ 0) or null.</summary>
    public IReadOnlyList<object?> Components { get; }

    public static ClaimsPath Of(params object?[] components)
    {
        ArgumentNullException.ThrowIfNull(components);
        if (components.Length is 0 or > MaxLength || components.Any(c => c is not (null or string or int) || c is int i && i < 0))
        {
            throw new ArgumentException("A claims path is 1 to 16 strings, non-negative integers or nulls.", nameof(components));
        }

        return new ClaimsPath([.. components]);
    }

    public static Outcome<ClaimsPath> Parse(JsonNode? node)
    {
        if (node is not JsonArray array || array.Count is 0 or > MaxLength)
        {
            return Outcome.Error(ErrorCodes.MalformedValue, $"path must be a non-empty array of at most {MaxLength} components.");
        }

        var components = new List<object?>(array.Count);
        foreach (var item in array)
        {
            switch (item)
            {
                case null:
                    components.Add(null);
                    break;
                case JsonValue v when v.TryGetValue<string>(out var s):
                    components.Add(s);
                    break;
                case JsonValue v when v.TryGetValue<double>(out var d) && d >= 0 && d <= int.MaxValue && Math.Floor(d) == d:
                    components.Add((int)d);
                    break;
                default:
                    return Outcome.Error(ErrorCodes.MalformedValue, "A path component must be a string, a non-negative integer or null.");
            }
        }

        return new ClaimsPath(components);
    }

    public JsonArray ToJson() => new([.. Components.Select(c => c switch
    {
        null => null,
        string s => (JsonNode)JsonValue.Create(s),
        int i => JsonValue.Create(i),
        _ => throw new InvalidOperationException(),
    })]);

    /// <summary>
    /// The selected elements (§7.1.1 processing), or an error when a component meets the wrong kind of node or nothing is
    /// selected. A selected JSON null is returned as a null entry.
    /// </summary>
    public Outcome<IReadOnlyList<JsonNode?>> Select(JsonNode? root)
    {
        var selected = new List<JsonNode?> { root };
        foreach (var component in Components)
        {
            var next = new List<JsonNode?>();
            foreach (var node in selected)
            {
                switch (component)
                {
                    case string name:
                        if (node is not JsonObject obj)
                        {
                            return Outcome.Error(ErrorCodes.MalformedValue, $"'{name}' addresses a member of something that is not an object.");
                        }

                        if (obj.TryGetPropertyValue(name, out var child))
                        {
                            next.Add(child);
                        }

                        break;
                    case null:
                        if (node is not JsonArray all)
                        {
                            return Outcome.Error(ErrorCodes.MalformedValue, "null addresses the elements of something that is not an array.");
                        }

                        next.AddRange(all);
                        break;
                    case int index:
                        if (node is not JsonArray array)
                        {
                            return Outcome.Error(ErrorCodes.MalformedValue, "An index addresses something that is not an array.");
                        }

                        if (index < array.Count)
                        {
                            next.Add(array[index]);
                        }

                        break;
                }
            }

            selected = next;
        }

        return selected.Count == 0
            ? Outcome.Error(ErrorCodes.MalformedValue, $"No claim at {this}.")
            : Outcome.Ok<IReadOnlyList<JsonNode?>>(selected);
    }

    /// <summary>The path as a dot path for SD-JWT disclosure (<c>address.locality</c>, <c>nationalities.*</c>).</summary>
    public string ToDotPath() => string.Join('.', Components.Select(c => c switch
    {
        null => "*",
        int i => i.ToString(CultureInfo.InvariantCulture),
        string s => s,
        _ => "?",
    }));

    public override string ToString() => "[" + string.Join(", ", Components.Select(c => c switch
    {
        null => "null",
        int i => i.ToString(CultureInfo.InvariantCulture),
        string s => "\"" + (s.Length > 40 ? s[..40] : s) + "\"",
        _ => "?",
    })) + "]";

    public bool Equals(ClaimsPath? other) => other is not null && Components.SequenceEqual(other.Components);

    public override bool Equals(object? obj) => Equals(obj as ClaimsPath);

    public override int GetHashCode() => Components.Aggregate(Components.Count, (h, c) => HashCode.Combine(h, c));
}
