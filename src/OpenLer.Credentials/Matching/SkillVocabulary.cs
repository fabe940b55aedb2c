using System.Collections.Frozen;
using OpenLer.Credentials.Taxonomy;

namespace OpenLer.Credentials.Matching;

/// <summary>
/// The skill codes matching knows, each mapped to a dense number 0..<see cref="Count"/>-1 so that an applicant's evidence
/// and a vacancy's skills are bitsets (at most <see cref="MaxCount"/> codes). <see cref="Default"/> holds the elements of
/// the embedded O*NET table (35 skills and 33 knowledge areas); alignments and self-reported codes outside the
/// vocabulary are ignored, and a vacancy naming one is refused. Immutable and thread-safe.
/// </summary>
public sealed class SkillVocabulary
{
    /// <summary>The largest vocabulary the bitsets hold.</summary>
    public const int MaxCount = 128;

    private static readonly Lazy<SkillVocabulary> DefaultValue = new(() => FromOnet(OnetDatabase.BuiltIn));

    private readonly FrozenDictionary<string, int> _index;

    private SkillVocabulary(IReadOnlyList<string> codes, string release)
    {
        Codes = codes;
        Release = release;
        _index = codes.Select((code, i) => (code, i)).ToFrozenDictionary(p => p.code, p => p.i, StringComparer.Ordinal);
    }

    /// <summary>The vocabulary of the embedded O*NET table.</summary>
    public static SkillVocabulary Default => DefaultValue.Value;

    /// <summary>The codes, by dense number.</summary>
    public IReadOnlyList<string> Codes { get; }

    /// <summary>The O*NET release the codes come from (e.g. "29.2"), for messages.</summary>
    public string Release { get; }

    /// <summary>How many codes.</summary>
    public int Count => Codes.Count;

    /// <summary>The element IDs of an O*NET table.</summary>
    public static SkillVocabulary FromOnet(OnetDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return Create(database.Elements.Select(e => e.Id), database.Release);
    }

    /// <summary>A vocabulary of the given codes (distinct, at most <see cref="MaxCount"/>), e.g. for tests.</summary>
    public static SkillVocabulary Create(IEnumerable<string> codes, string release)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var list = codes.ToList();
        if (list.Count > MaxCount || list.Distinct(StringComparer.Ordinal).Count() != list.Count || list.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException($"a skill vocabulary holds at most {MaxCount} distinct, non-empty codes", nameof(codes));
        }

        return new SkillVocabulary(list.AsReadOnly(), release);
    }

    /// <summary>Whether the vocabulary has this code.</summary>
    public bool Contains(string? code) => code is not null && _index.ContainsKey(code);

    /// <summary>The dense number of a code, or -1.</summary>
    internal int IndexOf(string? code) => code is not null && _index.TryGetValue(code, out var i) ? i : -1;
}
