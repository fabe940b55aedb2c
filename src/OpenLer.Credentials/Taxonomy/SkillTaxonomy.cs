using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Json;

namespace OpenLer.Credentials.Taxonomy;

/// <summary>
/// A skills and occupations taxonomy: <see cref="BuiltIn"/> (the 35 O*NET skills and about 40 entry-level
/// occupations, with OpenLER's own plain-language descriptions), or one read by <see cref="Load(Stream)"/>, such as
/// the file <c>openler taxonomy import-onet</c> writes. Immutable and thread-safe. <see cref="Localize(string)"/> gives
/// the names, titles and descriptions in a display language (the built-in taxonomy has Spanish and Arabic).
/// </summary>
/// <remarks>
/// JSON shape (<see cref="Format"/>): <c>{"format": "openler-taxonomy/1", "name": "...", "source": "...",
/// "skills": [{"code", "name", "description"}], "occupations": [{"code", "title", "description", "skills": ["2.A.1.a", ...]}]}</c>.
/// Codes are unique; every occupation's skill code names a skill of the file.
/// </remarks>
public sealed class SkillTaxonomy
{
    /// <summary>The value of the <c>format</c> member this version reads and writes.</summary>
    public const string Format = "openler-taxonomy/1";

    /// <summary>Imported files hold every O*NET occupation with its description (about 0.5 MB); this bounds them.</summary>
    public static readonly JsonLimits FileLimits = new() { MaxBytes = 16 * 1024 * 1024, MaxDepth = 8 };

    private const string ResourceName = "OpenLer.Credentials.Taxonomy.builtin-taxonomy.json";

    private static readonly Lazy<SkillTaxonomy> BuiltInValue = new(LoadBuiltIn);

    private readonly Dictionary<string, Skill> _skills;
    private readonly Dictionary<string, Occupation> _occupations;
    private readonly FrozenDictionary<string, TaxonomyTranslation> _translations;
    private readonly Lazy<FrozenDictionary<string, LocalizedTaxonomy>> _localized;

    /// <summary>Builds a taxonomy; fails (never throws) on a duplicate code or an occupation naming an unknown skill.</summary>
    public static Outcome<SkillTaxonomy> Create(string name, string source, IEnumerable<Skill> skills, IEnumerable<Occupation> occupations)
    {
        ArgumentNullException.ThrowIfNull(skills);
        ArgumentNullException.ThrowIfNull(occupations);
        var skillList = skills.ToArray();
        var occupationList = occupations.ToArray();
        var skillMap = new Dictionary<string, Skill>(StringComparer.Ordinal);
        foreach (var skill in skillList)
        {
            if (!skillMap.TryAdd(skill.Code, skill))
            {
                return Invalid($"skill code {skill.Code} appears twice");
            }
        }

        var occupationMap = new Dictionary<string, Occupation>(StringComparer.Ordinal);
        foreach (var occupation in occupationList)
        {
            if (!occupationMap.TryAdd(occupation.Code, occupation))
            {
                return Invalid($"occupation code {occupation.Code} appears twice");
            }

            foreach (var code in occupation.SkillCodes)
            {
                if (!skillMap.ContainsKey(code))
                {
                    return Invalid($"occupation {occupation.Code} names skill {code}, which is not in the taxonomy");
                }
            }
        }

        return new SkillTaxonomy(name, source, skillList, occupationList, skillMap, occupationMap, FrozenDictionary<string, TaxonomyTranslation>.Empty);
    }

    private SkillTaxonomy(
        string name,
        string source,
        IReadOnlyList<Skill> skills,
        IReadOnlyList<Occupation> occupations,
        Dictionary<string, Skill> skillMap,
        Dictionary<string, Occupation> occupationMap,
        FrozenDictionary<string, TaxonomyTranslation> translations)
    {
        Name = name;
        Source = source;
        Skills = skills;
        Occupations = occupations;
        _skills = skillMap;
        _occupations = occupationMap;
        _translations = translations;
        Languages = [LanguageTags.English, .. translations.Keys.Order(StringComparer.Ordinal)];
        _localized = new(() => Languages.ToFrozenDictionary(
            language => language,
            language => new LocalizedTaxonomy(this, translations.GetValueOrDefault(language)),
            StringComparer.Ordinal));
    }

    /// <summary>
    /// The taxonomy written for OpenLER: the 35 O*NET skills and the entry-level occupations refugee and immigrant
    /// jobseekers are most often hired into, with plain-language descriptions. Codes and titles are O*NET's
    /// (O*NET 29.2, CC BY 4.0; see THIRD-PARTY-NOTICES.md); each occupation's skills are its five most important
    /// O*NET skills by importance rating.
    /// </summary>
    public static SkillTaxonomy BuiltIn => BuiltInValue.Value;

    /// <summary>A short name of the taxonomy, e.g. "OpenLER built-in taxonomy".</summary>
    public string Name { get; }

    /// <summary>Where the codes come from, e.g. "O*NET 29.2 Database (USDOL/ETA), CC BY 4.0".</summary>
    public string Source { get; }

    /// <summary>The skills, in the order of the file (O*NET content model order).</summary>
    public IReadOnlyList<Skill> Skills { get; }

    /// <summary>The occupations, in the order of the file.</summary>
    public IReadOnlyList<Occupation> Occupations { get; }

    /// <summary>
    /// The display languages (lower-case ISO 639-1 codes): "en" first, then those with a translation. The built-in
    /// taxonomy has "en", "ar" and "es"; a taxonomy read by <see cref="Load(Stream)"/> has only "en".
    /// </summary>
    public IReadOnlyList<string> Languages { get; }

    /// <summary>
    /// The taxonomy's names, titles and descriptions in the language of <paramref name="languageCode"/> (a BCP 47 tag
    /// or .NET culture name such as "es", "es-MX", "ar-SA"), for display. Only the primary language subtag counts
    /// ("es-MX" → "es"); a language not in <see cref="Languages"/> (e.g. "fa-AF"), null or blank gives English, and an
    /// entry without a translation keeps its English text. Credentials are built from this English taxonomy, never
    /// from the localized text.
    /// </summary>
    public LocalizedTaxonomy Localize(string? languageCode) =>
        _localized.Value[LanguageTags.Resolve(languageCode, Languages)];

    /// <summary>The taxonomy in the language of <paramref name="culture"/> (see <see cref="Localize(string)"/>).</summary>
    public LocalizedTaxonomy Localize(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return Localize(culture.Name);
    }

    /// <summary>
    /// This taxonomy with display translations added (the built-in taxonomy's, or a test's). Fails when a translation
    /// is for English, two are for the same language, or one names a skill or occupation code the taxonomy lacks.
    /// </summary>
    internal Outcome<SkillTaxonomy> WithTranslations(IEnumerable<TaxonomyTranslation> translations)
    {
        ArgumentNullException.ThrowIfNull(translations);
        var map = new Dictionary<string, TaxonomyTranslation>(StringComparer.Ordinal);
        foreach (var translation in translations)
        {
            if (translation.Language == LanguageTags.English || !map.TryAdd(translation.Language, translation))
            {
                return Invalid($"a translation for \"{translation.Language}\" is English or appears twice");
            }

            if (translation.Skills.Keys.FirstOrDefault(code => !_skills.ContainsKey(code)) is { } skill)
            {
                return Invalid($"the \"{translation.Language}\" translation names skill {skill}, which is not in the taxonomy");
            }

            if (translation.Occupations.Keys.FirstOrDefault(code => !_occupations.ContainsKey(code)) is { } occupation)
            {
                return Invalid($"the \"{translation.Language}\" translation names occupation {occupation}, which is not in the taxonomy");
            }
        }

        return new SkillTaxonomy(Name, Source, Skills, Occupations, _skills, _occupations, map.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>The skill with this code (e.g. "2.A.1.a"), or null.</summary>
    public Skill? FindSkill(string code) => code is not null && _skills.TryGetValue(code, out var skill) ? skill : null;

    /// <summary>The occupation with this O*NET-SOC code (e.g. "35-2021.00"), or null.</summary>
    public Occupation? FindOccupation(string code) =>
        code is not null && _occupations.TryGetValue(code, out var occupation) ? occupation : null;

    /// <summary>The skills of an occupation, most important first.</summary>
    public IReadOnlyList<Skill> SkillsOf(Occupation occupation)
    {
        ArgumentNullException.ThrowIfNull(occupation);
        return [.. occupation.SkillCodes.Select(code => _skills[code])];
    }

    /// <summary>Reads a taxonomy JSON file (<see cref="Format"/>). Bad input gives an <see cref="TaxonomyErrors.InvalidTaxonomy"/> error.</summary>
    public static Outcome<SkillTaxonomy> Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        byte[] bytes;
        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (buffer.Length + read > FileLimits.MaxBytes)
                {
                    return Invalid($"the file is larger than {FileLimits.MaxBytes} bytes");
                }

                buffer.Write(chunk, 0, read);
            }

            bytes = buffer.ToArray();
        }
        catch (IOException e)
        {
            return Invalid("the file could not be read: " + e.Message);
        }

        var parsed = StrictJson.ParseObject(bytes, FileLimits);
        return parsed.IsSuccess ? FromJson(parsed.Value) : Invalid(parsed.Error.Message);
    }

    /// <summary>Reads a taxonomy from its JSON form (see <see cref="ToJson"/>).</summary>
    public static Outcome<SkillTaxonomy> FromJson(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (Text(json, "format") != Format)
        {
            return Invalid($"\"format\" must be \"{Format}\"");
        }

        var name = Text(json, "name");
        var source = Text(json, "source");
        if (name is null || source is null)
        {
            return Invalid("\"name\" and \"source\" must be non-empty strings");
        }

        if (json["skills"] is not JsonArray skillArray || json["occupations"] is not JsonArray occupationArray)
        {
            return Invalid("\"skills\" and \"occupations\" must be arrays");
        }

        var skills = new List<Skill>(skillArray.Count);
        for (var i = 0; i < skillArray.Count; i++)
        {
            if (skillArray[i] is not JsonObject item
                || Text(item, "code") is not { } code || Text(item, "name") is not { } skillName || Text(item, "description") is not { } description)
            {
                return Invalid($"skills[{i}] must be an object with non-empty \"code\", \"name\" and \"description\" strings");
            }

            skills.Add(new Skill(code, skillName, description));
        }

        var occupations = new List<Occupation>(occupationArray.Count);
        for (var i = 0; i < occupationArray.Count; i++)
        {
            if (occupationArray[i] is not JsonObject item
                || Text(item, "code") is not { } code || Text(item, "title") is not { } title || Text(item, "description") is not { } description
                || item["skills"] is not JsonArray codes)
            {
                return Invalid($"occupations[{i}] must be an object with non-empty \"code\", \"title\", \"description\" strings and a \"skills\" array");
            }

            var skillCodes = new List<string>(codes.Count);
            foreach (var node in codes)
            {
                if (node is not JsonValue value || !value.TryGetValue<string>(out var skillCode) || skillCode.Length == 0)
                {
                    return Invalid($"occupations[{i}].skills must hold skill codes (strings)");
                }

                skillCodes.Add(skillCode);
            }

            occupations.Add(new Occupation(code, title, description, skillCodes.AsReadOnly()));
        }

        return Create(name, source, skills, occupations);
    }

    /// <summary>The JSON form <see cref="Load(Stream)"/> reads (English only; translations are not part of it).</summary>
    public JsonObject ToJson() => new()
    {
        ["format"] = Format,
        ["name"] = Name,
        ["source"] = Source,
        ["skills"] = new JsonArray([.. Skills.Select(s => (JsonNode)new JsonObject
        {
            ["code"] = s.Code,
            ["name"] = s.Name,
            ["description"] = s.Description,
        })]),
        ["occupations"] = new JsonArray([.. Occupations.Select(o => (JsonNode)new JsonObject
        {
            ["code"] = o.Code,
            ["title"] = o.Title,
            ["description"] = o.Description,
            ["skills"] = new JsonArray([.. o.SkillCodes.Select(c => (JsonNode)JsonValue.Create(c))]),
        })]),
    };

    /// <summary>The member's value if it is a string that is not blank, otherwise null.</summary>
    internal static string? Text(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;

    private static CredentialError Invalid(string message) => new(TaxonomyErrors.InvalidTaxonomy, "taxonomy file: " + message);

    private static SkillTaxonomy LoadBuiltIn()
    {
        using var stream = typeof(SkillTaxonomy).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        var loaded = Load(stream);
        if (loaded.IsSuccess)
        {
            loaded = loaded.Value.WithTranslations(TaxonomyTranslation.BuiltIn.Values);
        }

        return loaded.IsSuccess ? loaded.Value : throw new InvalidOperationException("the built-in taxonomy is invalid: " + loaded.Error);
    }
}
