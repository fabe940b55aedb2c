using System.Collections.Frozen;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Json;

namespace OpenLer.Credentials.Taxonomy;

/// <summary>A translated name (or title) and description of one skill, occupation or CEFR level.</summary>
internal sealed record TranslatedText(string Name, string Description);

/// <summary>
/// The display texts of the built-in taxonomy and the CEFR scale in one language, read from an embedded
/// <c>builtin-taxonomy.LANG.json</c> file: <c>{"format": "openler-taxonomy-translation/1", "language": "es",
/// "skills": {CODE: {"name", "description"}}, "occupations": {CODE: {"title", "description"}},
/// "cefrLevels": {"A1": {"name", "description"}}}</c>. Every text must be a non-empty string.
/// </summary>
internal sealed class TaxonomyTranslation
{
    /// <summary>The value of the <c>format</c> member.</summary>
    public const string Format = "openler-taxonomy-translation/1";

    /// <summary>The languages with an embedded translation file, besides English.</summary>
    public static readonly IReadOnlyList<string> BuiltInLanguages = ["es", "ar"];

    private static readonly Lazy<IReadOnlyDictionary<string, TaxonomyTranslation>> BuiltInValue = new(LoadBuiltIn);

    public TaxonomyTranslation(
        string language,
        IReadOnlyDictionary<string, TranslatedText> skills,
        IReadOnlyDictionary<string, TranslatedText> occupations,
        IReadOnlyDictionary<string, TranslatedText> cefrLevels)
    {
        Language = language;
        Skills = skills;
        Occupations = occupations;
        CefrLevels = cefrLevels;
    }

    /// <summary>The lower-case ISO 639-1 code of the language, e.g. "es".</summary>
    public string Language { get; }

    /// <summary>Skill code → translated name and description.</summary>
    public IReadOnlyDictionary<string, TranslatedText> Skills { get; }

    /// <summary>Occupation code → translated title and description.</summary>
    public IReadOnlyDictionary<string, TranslatedText> Occupations { get; }

    /// <summary>CEFR level code ("A1".."C2") → translated name and description.</summary>
    public IReadOnlyDictionary<string, TranslatedText> CefrLevels { get; }

    /// <summary>The embedded translations, by language code. Throws if an embedded file is missing or invalid (a build defect).</summary>
    public static IReadOnlyDictionary<string, TaxonomyTranslation> BuiltIn => BuiltInValue.Value;

    /// <summary>Reads a translation file; bad input gives an <see cref="TaxonomyErrors.InvalidTaxonomy"/> error.</summary>
    public static Outcome<TaxonomyTranslation> FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (SkillTaxonomy.Text(json, "format") != Format)
        {
            return Invalid($"\"format\" must be \"{Format}\"");
        }

        if (SkillTaxonomy.Text(json, "language") is not { } language || language != LanguageTags.Primary(language))
        {
            return Invalid("\"language\" must be a lower-case ISO 639 language code such as \"es\"");
        }

        var skills = Entries(json, "skills", "name");
        var occupations = Entries(json, "occupations", "title");
        var cefr = Entries(json, "cefrLevels", "name");
        foreach (var entries in new[] { skills, occupations, cefr })
        {
            if (!entries.IsSuccess)
            {
                return entries.Error;
            }
        }

        return new TaxonomyTranslation(language, skills.Value, occupations.Value, cefr.Value);
    }

    private static Outcome<IReadOnlyDictionary<string, TranslatedText>> Entries(JsonObject json, string member, string nameMember)
    {
        if (json[member] is not JsonObject entries)
        {
            return Invalid($"\"{member}\" must be an object keyed by code");
        }

        var result = new Dictionary<string, TranslatedText>(StringComparer.Ordinal);
        foreach (var (code, node) in entries)
        {
            if (node is not JsonObject entry || SkillTaxonomy.Text(entry, nameMember) is not { } name || SkillTaxonomy.Text(entry, "description") is not { } description)
            {
                return Invalid($"{member}[\"{code}\"] must be an object with non-empty \"{nameMember}\" and \"description\" strings");
            }

            result.Add(code, new TranslatedText(name, description));
        }

        return Outcome.Ok<IReadOnlyDictionary<string, TranslatedText>>(result.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private static CredentialError Invalid(string message) => new(TaxonomyErrors.InvalidTaxonomy, "taxonomy translation: " + message);

    private static FrozenDictionary<string, TaxonomyTranslation> LoadBuiltIn()
    {
        var result = new Dictionary<string, TaxonomyTranslation>(StringComparer.Ordinal);
        foreach (var language in BuiltInLanguages)
        {
            var resource = $"OpenLer.Credentials.Taxonomy.builtin-taxonomy.{language}.json";
            using var stream = typeof(TaxonomyTranslation).Assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"embedded resource {resource} is missing");
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var parsed = StrictJson.ParseObject(buffer.ToArray(), SkillTaxonomy.FileLimits);
            var translation = parsed.IsSuccess ? FromJson(parsed.Value) : parsed.Error;
            if (!translation.IsSuccess || translation.Value.Language != language)
            {
                throw new InvalidOperationException($"embedded resource {resource} is invalid: {(translation.IsSuccess ? "wrong language" : translation.Error)}");
            }

            var unknownLevel = translation.Value.CefrLevels.Keys.FirstOrDefault(code => CefrScale.Levels.All(l => l.Code != code));
            if (unknownLevel is not null)
            {
                throw new InvalidOperationException($"embedded resource {resource} translates unknown CEFR level {unknownLevel}");
            }

            result.Add(language, translation.Value);
        }

        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

/// <summary>Language-tag handling shared by the taxonomy and CEFR localization.</summary>
internal static class LanguageTags
{
    /// <summary>English, the language of the taxonomy files and of every credential.</summary>
    public const string English = "en";

    private static readonly FrozenSet<string> RightToLeft =
        FrozenSet.Create(StringComparer.Ordinal, "ar", "ckb", "dv", "fa", "he", "ps", "sd", "ug", "ur", "yi");

    /// <summary>
    /// The primary language subtag of a BCP 47 tag or .NET culture name, lower-cased ("es-MX" → "es",
    /// "ar_SA" → "ar"); "" for null or blank input.
    /// </summary>
    public static string Primary(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return "";
        }

        var trimmed = tag.Trim();
        var end = trimmed.AsSpan().IndexOfAny('-', '_');
        var primary = end < 0 ? trimmed : trimmed[..end];
        return primary.ToLowerInvariant();
    }

    /// <summary>The primary subtag of <paramref name="tag"/> if it is one of <paramref name="available"/>, otherwise English.</summary>
    public static string Resolve(string? tag, IEnumerable<string> available)
    {
        var primary = Primary(tag);
        return available.Contains(primary, StringComparer.Ordinal) ? primary : English;
    }

    /// <summary>Whether the language (a primary subtag) is written right to left.</summary>
    public static bool IsRightToLeft(string language) => RightToLeft.Contains(language);
}
