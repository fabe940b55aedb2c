using System.Text.Json.Nodes;
using OpenLer.Credentials.OpenBadges;
using OpenLer.Credentials.Taxonomy;

namespace OpenLer.Server.Features.Programs;

/// <summary>A skill or occupation a program aligns to, with its Open Badges 3.0 Alignment object.</summary>
public sealed record Alignment(string Code, string Name, bool IsOccupation, JsonObject Json);

/// <summary>
/// Program alignments from the built-in taxonomy (<see cref="SkillTaxonomy.BuiltIn"/>: the 35 O*NET skills and the
/// entry-level occupations). A program stores the chosen codes, one a line.
/// </summary>
public static class SkillCatalog
{
    public static SkillTaxonomy Taxonomy => SkillTaxonomy.BuiltIn;

    public static Alignment? Find(string code)
    {
        var trimmed = (code ?? "").Trim();
        if (Taxonomy.FindSkill(trimmed) is { } skill)
        {
            return new Alignment(skill.Code, skill.Name, false, OpenBadgesAlignment.For(skill));
        }

        return Taxonomy.FindOccupation(trimmed) is { } occupation
            ? new Alignment(occupation.Code, occupation.Title, true, OpenBadgesAlignment.For(occupation))
            : null;
    }

    /// <summary>The alignments named by a program's list (one code per line); unknown codes are ignored.</summary>
    public static IReadOnlyList<Alignment> Parse(string? alignments) =>
        (alignments ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct().Select(Find).OfType<Alignment>().ToList();

    /// <summary>The stored form of chosen codes: known codes only, each once, one a line.</summary>
    public static string Store(IEnumerable<string>? codes) =>
        string.Join('\n', (codes ?? []).Select(c => (c ?? "").Trim()).Where(c => Find(c) is not null).Distinct(StringComparer.Ordinal));
}
