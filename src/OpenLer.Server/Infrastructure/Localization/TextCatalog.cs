using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace OpenLer.Server.Infrastructure.Localization;

/// <summary>
/// Every user-facing string of the app in every language: one tab-separated file per language
/// (<c>Resources/Strings/{code}.tsv</c>, embedded), a line per string, <c>English key TAB translation</c>; <c>\t</c>,
/// <c>\n</c> and <c>\\</c> are escaped. Line-based so that parallel additions merge (git union merge).
/// </summary>
public sealed class TextCatalog
{
    private const string ResourcePrefix = "OpenLer.Server.Resources.Strings.";
    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> _languages;

    private TextCatalog(FrozenDictionary<string, FrozenDictionary<string, string>> languages) => _languages = languages;

    /// <summary>The catalog embedded in the server assembly.</summary>
    public static TextCatalog Embedded { get; } = Load(typeof(TextCatalog).Assembly);

    /// <summary>Language codes that have a strings file.</summary>
    public IEnumerable<string> Codes => _languages.Keys;

    public static TextCatalog Load(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var languages = new Dictionary<string, FrozenDictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".tsv", StringComparison.Ordinal)))
        {
            var code = name[ResourcePrefix.Length..^".tsv".Length];
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            languages[code] = Parse(reader.ReadToEnd(), name).ToFrozenDictionary(StringComparer.Ordinal);
        }

        return new TextCatalog(languages.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Parses one strings file; a malformed line is a build-time mistake and throws with its line number.</summary>
    public static Dictionary<string, string> Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in text.Split('\n'))
        {
            number++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0)
            {
                throw new FormatException($"{source}:{number.ToString(CultureInfo.InvariantCulture)}: expected 'key<TAB>text'.");
            }

            entries[Unescape(line[..tab])] = Unescape(line[(tab + 1)..].TrimEnd('\r'));
        }

        return entries;
    }

    /// <summary>The text of <paramref name="key"/> in a language, or null when that language has none.</summary>
    public string? Find(string language, string key) =>
        _languages.TryGetValue(language, out var strings) && strings.TryGetValue(key, out var text) && text.Length > 0 ? text : null;

    public IReadOnlyDictionary<string, string> Strings(string language) =>
        _languages.TryGetValue(language, out var strings) ? strings : FrozenDictionary<string, string>.Empty;

    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal);
    }

    public static string Unescape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Contains('\\', StringComparison.Ordinal))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                i++;
                builder.Append(value[i] switch { 't' => '\t', 'n' => '\n', _ => value[i] });
            }
            else
            {
                builder.Append(value[i]);
            }
        }

        return builder.ToString();
    }
}
