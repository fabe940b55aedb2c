using System.Globalization;

namespace OpenLer.Load;

/// <summary>Command-line options (<c>--name value</c>, repeatable names collected in order).</summary>
internal sealed class Options
{
    private readonly List<(string Name, string Value)> _values = [];

    public Options(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected --name value, found '{args[i]}'.");
            }

            _values.Add((args[i][2..], args[++i]));
        }
    }

    public string? Get(string name) => _values.LastOrDefault(v => v.Name == name).Value;

    public IEnumerable<string> All(string name) => _values.Where(v => v.Name == name).Select(v => v.Value);

    public int Int(string name, int fallback) => Get(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) => Get(name) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
