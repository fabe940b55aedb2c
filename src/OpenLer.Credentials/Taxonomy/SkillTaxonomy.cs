using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Json;

namespace OpenLer.Credentials.Taxonomy;

/// <summary>
/// A skills and occupations taxonomy: <see cref="BuiltIn"/> (the 35 O*NET skills and about 40 entry-level
/// occupations, with OpenLER's own plain-language descriptions), or one read by <see cref="Load(Stream)"/>, such as
/// the file <c>openler taxonomy import-onet</c> writes. Immutable and thread-safe.
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

        return new SkillTaxonomy(name, source, skillList, occupationList, skillMap, occupationMap);
    }

    private SkillTaxonomy(
        string name,
        string source,
        IReadOnlyList<Skill> skills,
        IReadOnlyList<Occupation> occupations,
        Dictionary<string, Skill> skillMap,
        Dictionary<string, Occupation> occupationMap)
    {
        Name = name;
        Source = source;
        Skills = skills;
        Occupations = occupations;
        _skills = skillMap;
        _occupations = occupationMap;
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

    /// <summary>The JSON form <see cref="Load(Stream)"/> reads.</summary>
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

    private static string? Text(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;

    private static CredentialError Invalid(string message) => new(TaxonomyErrors.InvalidTaxonomy, "taxonomy file: " + message);

    private static SkillTaxonomy LoadBuiltIn()
    {
        using var stream = typeof(SkillTaxonomy).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        var loaded = Load(stream);
        return loaded.IsSuccess ? loaded.Value : throw new InvalidOperationException("the built-in taxonomy is invalid: " + loaded.Error);
    }
}
