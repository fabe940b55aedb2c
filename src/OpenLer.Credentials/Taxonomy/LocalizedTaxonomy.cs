using System.Collections.Frozen;

namespace OpenLer.Credentials.Taxonomy;

/// <summary>
/// The skills and occupations of a <see cref="SkillTaxonomy"/> with their names, titles and descriptions in one
/// display language, from <see cref="SkillTaxonomy.Localize(string)"/>. Codes and each occupation's skill codes are
/// the taxonomy's own; an entry without a translation keeps its English text (see <see cref="IsTranslated"/>).
/// For display only: credentials and alignments are always built from the English <see cref="SkillTaxonomy"/>.
/// Immutable and thread-safe.
/// </summary>
public sealed class LocalizedTaxonomy
{
    private readonly FrozenDictionary<string, Skill> _skills;
    private readonly FrozenDictionary<string, Occupation> _occupations;
    private readonly FrozenSet<string> _translated;

    internal LocalizedTaxonomy(SkillTaxonomy taxonomy, TaxonomyTranslation? translation)
    {
        Language = translation?.Language ?? LanguageTags.English;
        IsRightToLeft = LanguageTags.IsRightToLeft(Language);
        var translated = new HashSet<string>(StringComparer.Ordinal);
        T Translate<T>(T item, string code, IReadOnlyDictionary<string, TranslatedText>? texts, Func<T, TranslatedText, T> apply)
        {
            // Without a translation the text is the taxonomy's own English, which counts as translated.
            if (texts is null)
            {
                translated.Add(code);
                return item;
            }

            if (!texts.TryGetValue(code, out var text))
            {
                return item;
            }

            translated.Add(code);
            return apply(item, text);
        }

        Skills = [.. taxonomy.Skills.Select(skill => Translate(skill, skill.Code, translation?.Skills,
            (s, text) => s with { Name = text.Name, Description = text.Description }))];
        Occupations = [.. taxonomy.Occupations.Select(occupation => Translate(occupation, occupation.Code, translation?.Occupations,
            (o, text) => o with { Title = text.Name, Description = text.Description }))];
        _skills = Skills.ToFrozenDictionary(s => s.Code, StringComparer.Ordinal);
        _occupations = Occupations.ToFrozenDictionary(o => o.Code, StringComparer.Ordinal);
        _translated = translated.ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>The language of the texts: "en", or a language the taxonomy has a translation for (e.g. "es", "ar").</summary>
    public string Language { get; }

    /// <summary>Whether <see cref="Language"/> is written right to left (Arabic): the page should use <c>dir="rtl"</c>.</summary>
    public bool IsRightToLeft { get; }

    /// <summary>The skills in the taxonomy's order, with translated names and descriptions.</summary>
    public IReadOnlyList<Skill> Skills { get; }

    /// <summary>The occupations in the taxonomy's order, with translated titles and descriptions.</summary>
    public IReadOnlyList<Occupation> Occupations { get; }

    /// <summary>The skill with this code, with translated text, or null when the taxonomy has no such skill.</summary>
    public Skill? FindSkill(string code) => code is not null && _skills.TryGetValue(code, out var skill) ? skill : null;

    /// <summary>The occupation with this code, with translated text, or null when the taxonomy has no such occupation.</summary>
    public Occupation? FindOccupation(string code) =>
        code is not null && _occupations.TryGetValue(code, out var occupation) ? occupation : null;

    /// <summary>The skills of an occupation (English or localized), most important first, with translated text.</summary>
    /// <exception cref="ArgumentException">The occupation names a skill code this taxonomy does not have.</exception>
    public IReadOnlyList<Skill> SkillsOf(Occupation occupation)
    {
        ArgumentNullException.ThrowIfNull(occupation);
        return [.. occupation.SkillCodes.Select(code => FindSkill(code)
            ?? throw new ArgumentException($"skill {code} is not in the taxonomy", nameof(occupation)))];
    }

    /// <summary>
    /// Whether the skill or occupation with this code is shown in <see cref="Language"/>: false when it fell back to
    /// English (mark that text <c>lang="en" dir="ltr"</c>) or when the taxonomy has no such code. Always true for
    /// known codes when <see cref="Language"/> is "en".
    /// </summary>
    public bool IsTranslated(string code) => code is not null && _translated.Contains(code);
}
