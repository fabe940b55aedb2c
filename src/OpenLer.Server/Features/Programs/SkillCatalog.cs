namespace OpenLer.Server.Features.Programs;

/// <summary>A skill or occupation a program can align to (an Open Badges Alignment).</summary>
public sealed record Skill(string Code, string Name, string Framework, string Url);

/// <summary>
/// The skills programs align to. Interim: a few O*NET skills (codes and titles are facts; O*NET® is a trademark of the
/// U.S. Department of Labor) until the built-in taxonomy lands in the library.
/// </summary>
public static class SkillCatalog
{
    private static readonly Skill[] Items =
    [
        Onet("2.A.1.a", "Reading Comprehension"),
        Onet("2.A.1.b", "Active Listening"),
        Onet("2.A.1.c", "Writing"),
        Onet("2.A.1.d", "Speaking"),
        Onet("2.A.1.e", "Mathematics"),
        Onet("2.B.1.a", "Social Perceptiveness"),
        Onet("2.B.1.b", "Coordination"),
        Onet("2.B.1.e", "Instructing"),
        Onet("2.B.1.f", "Service Orientation"),
        Onet("2.B.5.a", "Time Management"),
    ];

    public static IReadOnlyList<Skill> All => Items;

    public static Skill? Find(string code) => Items.FirstOrDefault(s => s.Code == code.Trim());

    /// <summary>The skills named by a program's alignment list (one code per line); unknown codes are ignored.</summary>
    public static IReadOnlyList<Skill> Parse(string? alignments) =>
        (alignments ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Find).OfType<Skill>().Distinct().ToList();

    private static Skill Onet(string code, string name) =>
        new(code, name, "O*NET", "https://www.onetonline.org/find/descriptor/result/" + code);
}
