using System.Collections.Frozen;
using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Taxonomy;

/// <summary>
/// The compact O*NET table: every occupation of an O*NET release with its title, description, Job Zone, alternate
/// titles and skill and knowledge ratings (importance and level), and the rated elements. <see cref="BuiltIn"/> is the
/// O*NET 29.2 table embedded in the library (a Brotli-compressed resource written by <c>openler taxonomy build-onet</c>),
/// so occupation search, skill proposals and matching work with no files. <see cref="OnetTextImporter.ImportDatabase"/>
/// derives the same table from the O*NET text database; <see cref="Load(Stream)"/> and <see cref="WriteTo(Stream)"/>
/// read and write it. Immutable and thread-safe. O*NET is CC BY 4.0: credit it wherever its text is shown
/// (THIRD-PARTY-NOTICES.md).
/// </summary>
public sealed class OnetDatabase
{
    private const string ResourceName = "OpenLer.Credentials.Taxonomy.onet.json.br";

    private static readonly Lazy<OnetDatabase> BuiltInValue = new(LoadBuiltIn);

    private readonly FrozenDictionary<string, OnetOccupation> _occupations;
    private readonly FrozenDictionary<string, OnetElement> _elements;
    private readonly Lazy<OccupationSearch> _search;

    internal OnetDatabase(string release, string source, IReadOnlyList<OnetElement> elements, IReadOnlyList<OnetOccupation> occupations)
    {
        Release = release;
        Source = source;
        Elements = elements;
        Occupations = occupations;
        _elements = elements.ToFrozenDictionary(e => e.Id, StringComparer.Ordinal);
        _occupations = occupations.ToFrozenDictionary(o => o.Code, StringComparer.Ordinal);
        _search = new(() => new OccupationSearch(this));
    }

    /// <summary>The O*NET table embedded in the library (O*NET 29.2). Throws if the resource is missing or invalid (a build defect).</summary>
    public static OnetDatabase BuiltIn => BuiltInValue.Value;

    /// <summary>The O*NET release, e.g. "29.2".</summary>
    public string Release { get; }

    /// <summary>Where the data comes from and under which licence (the O*NET credit).</summary>
    public string Source { get; }

    /// <summary>The rated elements (35 skills and 33 knowledge areas in O*NET 29.2), in content model order.</summary>
    public IReadOnlyList<OnetElement> Elements { get; }

    /// <summary>Every occupation, in O*NET's order (1,016 in O*NET 29.2).</summary>
    public IReadOnlyList<OnetOccupation> Occupations { get; }

    /// <summary>Search by title and alternate title (built on first use).</summary>
    public OccupationSearch Search => _search.Value;

    /// <summary>The occupation with this O*NET-SOC code, or null.</summary>
    public OnetOccupation? FindOccupation(string? code) => code is not null && _occupations.TryGetValue(code, out var o) ? o : null;

    /// <summary>The element with this O*NET element ID (e.g. "2.A.1.a"), or null.</summary>
    public OnetElement? FindElement(string? id) => id is not null && _elements.TryGetValue(id, out var e) ? e : null;

    /// <summary>The occupation with this code, or an <see cref="TaxonomyErrors.UnknownCode"/> error naming it.</summary>
    public Outcome<OnetOccupation> Occupation(string? code) => FindOccupation(code) is { } occupation
        ? occupation
        : new CredentialError(TaxonomyErrors.UnknownCode, $"\"{Shorten(code)}\" is not an O*NET-SOC occupation code of O*NET {Release} (expected NN-NNNN.NN, e.g. 35-2021.00)");

    /// <summary>The element with this ID, or an <see cref="TaxonomyErrors.UnknownCode"/> error naming it.</summary>
    public Outcome<OnetElement> Element(string? id) => FindElement(id) is { } element
        ? element
        : new CredentialError(TaxonomyErrors.UnknownCode, $"\"{Shorten(id)}\" is not an O*NET skill or knowledge element ID of O*NET {Release} (e.g. 2.A.1.b Active Listening)");

    /// <summary>Reads a table written by <see cref="WriteTo(Stream)"/> (Brotli-compressed JSON); bad input gives an <see cref="TaxonomyErrors.InvalidTaxonomy"/> error.</summary>
    public static Outcome<OnetDatabase> Load(Stream stream) => OnetDatabaseFormat.Read(stream);

    /// <summary>Writes the table as Brotli-compressed JSON (format <c>openler-onet/1</c>).</summary>
    public void WriteTo(Stream stream) => OnetDatabaseFormat.Write(this, stream);

    /// <summary>The table's uncompressed JSON text, canonical for a given table (used to compare two tables).</summary>
    public string ToJsonText() => OnetDatabaseFormat.ToJsonText(this);

    internal static string Shorten(string? value) => value is null ? "(none)" : value.Length <= 40 ? value : value[..40] + "...";

    private static OnetDatabase LoadBuiltIn()
    {
        using var stream = typeof(OnetDatabase).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        var loaded = Load(stream);
        return loaded.IsSuccess ? loaded.Value : throw new InvalidOperationException("the embedded O*NET table is invalid: " + loaded.Error);
    }
}
