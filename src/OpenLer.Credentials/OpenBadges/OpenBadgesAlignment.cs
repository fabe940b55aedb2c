using System.Text.Json.Nodes;
using OpenLer.Credentials.Taxonomy;

namespace OpenLer.Credentials.OpenBadges;

/// <summary>
/// Open Badges 3.0 <c>Alignment</c> objects (OB 3.0 §B.1.3) for taxonomy entries, to put in an Achievement's
/// <c>alignment</c> array.
/// </summary>
/// <remarks>
/// <c>targetType</c> must be a value of the OB 3.0 AlignmentTargetType extensible enumeration (ceasn:Competency,
/// ceterms:Credential, CFItem, CFRubric, CFRubricCriterion, CFRubricCriterionLevel, CTDL, or "ext:" + a name; see
/// the OB 3.0 JSON Schema). It has no <c>ceterms:Skill</c> or <c>ceterms:Occupation</c>. A skill is a competency, so
/// skills use <see cref="SkillTargetType"/> <c>ceasn:Competency</c>; no standard value names an occupation, so
/// occupations use the extension <see cref="OccupationTargetType"/> <c>ext:Occupation</c> (valid, and it keeps
/// occupation alignments apart from skill alignments).
/// </remarks>
public static class OpenBadgesAlignment
{
    /// <summary>The <c>targetFramework</c> of every O*NET alignment.</summary>
    public const string Framework = "O*NET";

    /// <summary>The <c>targetType</c> of a skill alignment.</summary>
    public const string SkillTargetType = "ceasn:Competency";

    /// <summary>The <c>targetType</c> of an occupation alignment.</summary>
    public const string OccupationTargetType = "ext:Occupation";

    /// <summary>An alignment to a skill; its page on O*NET OnLine is the <c>targetUrl</c>.</summary>
    public static JsonObject For(Skill skill)
    {
        ArgumentNullException.ThrowIfNull(skill);
        return Create(skill.Name, skill.Description, "https://www.onetonline.org/find/descriptor/result/" + Uri.EscapeDataString(skill.Code), skill.Code, SkillTargetType);
    }

    /// <summary>An alignment to an occupation; its O*NET OnLine summary is the <c>targetUrl</c>.</summary>
    public static JsonObject For(Occupation occupation)
    {
        ArgumentNullException.ThrowIfNull(occupation);
        return Create(occupation.Title, occupation.Description, "https://www.onetonline.org/link/summary/" + Uri.EscapeDataString(occupation.Code), occupation.Code, OccupationTargetType);
    }

    private static JsonObject Create(string name, string description, string url, string code, string targetType) => new()
    {
        ["type"] = new JsonArray("Alignment"),
        ["targetName"] = name,
        ["targetDescription"] = description,
        ["targetUrl"] = url,
        ["targetCode"] = code,
        ["targetFramework"] = Framework,
        ["targetType"] = targetType,
    };
}
