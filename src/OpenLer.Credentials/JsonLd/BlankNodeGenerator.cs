namespace OpenLer.Credentials.JsonLd;

/// <summary>JSON-LD API §7.4 Generate Blank Node Identifier: <c>_:b0</c>, <c>_:b1</c>... relabeling existing ones consistently.</summary>
internal sealed class BlankNodeGenerator
{
    private readonly Dictionary<string, string> _map = new(StringComparer.Ordinal);
    private int _counter;

    public string Generate(string? identifier = null)
    {
        if (identifier is not null && _map.TryGetValue(identifier, out var mapped))
        {
            return mapped;
        }

        var generated = "_:b" + _counter++.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (identifier is not null)
        {
            _map[identifier] = generated;
        }

        return generated;
    }
}
