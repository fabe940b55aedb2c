using System.Globalization;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Taxonomy;

/// <summary>A level of the CEFR language scale with OpenLER's own plain-language name and description.</summary>
public sealed record CefrLevel(string Code, string Name, string Description);

/// <summary>
/// The CEFR scale A1..C2 (Council of Europe, Common European Framework of Reference for Languages) with plain-language
/// names and workplace descriptions written for OpenLER, and helpers to record a language level in an Open Badges 3.0
/// credential: <see cref="ResultDescription"/> goes in the Achievement's <c>resultDescription</c> array and
/// <see cref="Result"/> in the AchievementSubject's <c>result</c> array.
/// </summary>
/// <remarks>
/// <c>resultType</c> is <c>RubricCriterionLevel</c>. OB 3.0's ResultType is an extensible enumeration
/// (GradePointAverage, LetterGrade, Percent, PerformanceLevel, PredictedScore, RawScore, Result, RubricCriterion,
/// RubricCriterionLevel, RubricScore, ScaledScore, Status, or "ext:" + a name). An <c>ext:CEFR</c> value would be
/// valid but no other wallet or verifier would understand it; <c>LetterGrade</c> would call B1 a grade, which it is
/// not. <c>RubricCriterionLevel</c> is the standard value for "the result is one of these named levels": the
/// description lists each level as a <c>RubricCriterionLevel</c> (id, name, description, level) and the Result names
/// the level reached in <c>achievedLevel</c>, so a consumer can show the level's name and meaning without knowing
/// CEFR. <c>allowedValue</c> also lists the codes low to high and the Result repeats the code in <c>value</c>.
/// </remarks>
public static class CefrScale
{
    /// <summary>The six levels, lowest first.</summary>
    public static IReadOnlyList<CefrLevel> Levels { get; } =
    [
        new("A1", "Beginner", "Understands short, slow instructions and simple questions. Can say and write their name, address and phone number."),
        new("A2", "Elementary", "Follows routine tasks, schedules and safety signs. Can tell a supervisor about a simple problem."),
        new("B1", "Intermediate", "Handles most everyday talk at work, understands the main points of training, and writes short messages."),
        new("B2", "Upper intermediate", "Takes part in meetings and phone calls, follows detailed instructions and rules, and writes clear reports."),
        new("C1", "Advanced", "Uses the language easily for work, understands what is meant but not said, and writes long, well-organized texts."),
        new("C2", "Fluent", "Understands almost everything heard or read and says exactly what they mean, like an educated native speaker."),
    ];

    /// <summary>The display languages of the level names and descriptions: "en", "ar" and "es".</summary>
    public static IReadOnlyList<string> Languages { get; } =
        [LanguageTags.English, .. TaxonomyTranslation.BuiltInLanguages.Order(StringComparer.Ordinal)];

    /// <summary>
    /// The six levels, lowest first, with names and descriptions in the language of <paramref name="languageCode"/>
    /// (a BCP 47 tag or .NET culture name; "es-MX" → Spanish), for display. A language not in <see cref="Languages"/>
    /// (e.g. "fa-AF"), null or blank gives English, and a level without a translation keeps its English text. Codes
    /// are unchanged; credentials (<see cref="ResultDescription"/>) always carry the English text.
    /// </summary>
    public static IReadOnlyList<CefrLevel> Localize(string? languageCode)
    {
        var language = LanguageTags.Resolve(languageCode, Languages);
        if (!TaxonomyTranslation.BuiltIn.TryGetValue(language, out var translation))
        {
            return Levels;
        }

        return [.. Levels.Select(l => translation.CefrLevels.TryGetValue(l.Code, out var text)
            ? l with { Name = text.Name, Description = text.Description }
            : l)];
    }

    /// <summary>The six levels in the language of <paramref name="culture"/> (see <see cref="Localize(string)"/>).</summary>
    public static IReadOnlyList<CefrLevel> Localize(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return Localize(culture.Name);
    }

    /// <summary>The level with this code ("A1" to "C2", case-insensitive), or null.</summary>
    public static CefrLevel? Find(string code) =>
        Levels.FirstOrDefault(l => string.Equals(l.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// An OB 3.0 <c>ResultDescription</c> for a CEFR language level. <paramref name="id"/> is an absolute IRI without
    /// a fragment (e.g. <c>urn:uuid:...</c> or the achievement's URL + "/results/english"); each level's id is
    /// <paramref name="id"/> + "#" + the level code. <paramref name="name"/> is e.g. "English speaking (CEFR)".
    /// </summary>
    public static JsonObject ResultDescription(string id, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (id.Contains('#', StringComparison.Ordinal))
        {
            throw new ArgumentException("The result description id must not have a fragment.", nameof(id));
        }

        return new JsonObject
        {
            ["id"] = id,
            ["type"] = new JsonArray("ResultDescription"),
            ["name"] = name,
            ["resultType"] = "RubricCriterionLevel",
            ["allowedValue"] = new JsonArray([.. Levels.Select(l => (JsonNode)JsonValue.Create(l.Code))]),
            ["rubricCriterionLevel"] = new JsonArray([.. Levels.Select(l => (JsonNode)new JsonObject
            {
                ["id"] = LevelId(id, l.Code),
                ["type"] = new JsonArray("RubricCriterionLevel"),
                ["name"] = $"{l.Code} {l.Name}",
                ["description"] = l.Description,
                ["level"] = l.Code,
            })]),
        };
    }

    /// <summary>
    /// An OB 3.0 <c>Result</c> recording <paramref name="levelCode"/> against the description <paramref name="resultDescriptionId"/>;
    /// fails with <c>MALFORMED_VALUE_ERROR</c> when the code is not A1..C2.
    /// </summary>
    public static Outcome<JsonObject> Result(string resultDescriptionId, string levelCode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resultDescriptionId);
        if (Find(levelCode) is not { } level)
        {
            return Outcome.Error(Common.ErrorCodes.MalformedValue, $"\"{levelCode}\" is not a CEFR level (A1, A2, B1, B2, C1 or C2)");
        }

        return new JsonObject
        {
            ["type"] = new JsonArray("Result"),
            ["resultDescription"] = resultDescriptionId,
            ["achievedLevel"] = LevelId(resultDescriptionId, level.Code),
            ["value"] = level.Code,
        };
    }

    private static string LevelId(string descriptionId, string code) => descriptionId + "#" + code;
}
