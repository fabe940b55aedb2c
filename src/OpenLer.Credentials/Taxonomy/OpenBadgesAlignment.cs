using System.Text.Json.Nodes;

namespace OpenLer.Credentials.Taxonomy;

/// <summary>
/// Open Badges 3.0 <c>Alignment</c> objects (OB 3.0 §B.1.3) for taxonomy entries, to put in an Achievement's
/// <c>alignment</c> array. <c>targetType</c> uses the values the OB 3.0 AlignmentTargetType enumeration defines for
/// Credential Engine classes: <c>ceterms:Skill</c> and <c>ceterms:Occupation</c>.
/// </summary>
public static class OpenBadgesAlignment
{
    /// <summary>The <c>targetFramework</c> of every O*NET alignment.</summary>
    public const string Framework = "O*NET";

    /// <summary>An alignment to a skill; its page on O*NET OnLine is the <c>targetUrl</c>.</summary>
    public static JsonObject For(Skill skill)
    {
        ArgumentNullException.ThrowIfNull(skill);
        return Create(skill.Name, skill.Description, "https://www.onetonline.org/find/descriptor/result/" + Uri.EscapeDataString(skill.Code), skill.Code, "ceterms:Skill");
    }

    /// <summary>An alignment to an occupation; its O*NET OnLine summary is the <c>targetUrl</c>.</summary>
    public static JsonObject For(Occupation occupation)
    {
        ArgumentNullException.ThrowIfNull(occupation);
        return Create(occupation.Title, occupation.Description, "https://www.onetonline.org/link/summary/" + Uri.EscapeDataString(occupation.Code), occupation.Code, "ceterms:Occupation");
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
