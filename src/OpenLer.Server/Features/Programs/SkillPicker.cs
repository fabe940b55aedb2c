using System.Globalization;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Programs;

/// <summary>One skill or job the picker offers: its code, name and plain description in the reader's language when translated.</summary>
public sealed record SkillChoice(string Code, string Name, string Description, bool Translated, bool Chosen);

/// <summary>A group of the picker (the O*NET skill families, then the jobs), open when the search matched inside it.</summary>
public sealed record SkillGroup(string Id, string Title, IReadOnlyList<SkillChoice> Choices, bool Open);

/// <summary>
/// The skill picker of the program forms, without JavaScript: the chosen skills and jobs first, then the others
/// grouped (O*NET skill families by their code, e.g. 2.A.1 basic skills, then the jobs), each with its plain description.
/// A search (GET <c>?q=</c>, or the form's Search button, which posts so the other fields and the ticked boxes stay as
/// they are) keeps only the entries whose name or description has every word typed; chosen entries always stay.
/// </summary>
public sealed class SkillPicker
{
    private static readonly (string Prefix, string Title)[] Families =
    [
        ("2.A.1", L.Key("Reading, writing, speaking and numbers")),
        ("2.A.2", L.Key("Thinking and learning")),
        ("2.B.1", L.Key("Working with people")),
        ("2.B.2", L.Key("Solving problems")),
        ("2.B.3", L.Key("Tools, machines and technology")),
        ("2.B.4", L.Key("Judging how things work")),
        ("2.B.5", L.Key("Managing time, money and people")),
    ];

    private SkillPicker(string? query, IReadOnlyList<SkillChoice> chosen, IReadOnlyList<SkillGroup> groups)
    {
        Query = query;
        Chosen = chosen;
        Groups = groups;
    }

    public string? Query { get; }

    /// <summary>What is ticked now (always shown, whatever the search).</summary>
    public IReadOnlyList<SkillChoice> Chosen { get; }

    /// <summary>The other entries, grouped, after the search.</summary>
    public IReadOnlyList<SkillGroup> Groups { get; }

    /// <summary>How many entries the search left (not counting the chosen ones).</summary>
    public int Matches => Groups.Sum(g => g.Choices.Count);

    /// <summary>Builds the picker for the chosen codes (unknown codes dropped) and the typed search.</summary>
    public static SkillPicker Build(IEnumerable<string>? chosenCodes, string? query, CultureInfo culture)
    {
        var localized = SkillCatalog.Taxonomy.Localize(culture);
        var chosen = new HashSet<string>((chosenCodes ?? []).Where(c => SkillCatalog.Find(c) is not null), StringComparer.Ordinal);
        var searching = !string.IsNullOrWhiteSpace(query);

        bool Matches(string name, string description) => !searching || SearchText.Matches(name + " " + description, query);

        var skills = localized.Skills.Select(s => new SkillChoice(s.Code, s.Name, s.Description, localized.IsTranslated(s.Code), chosen.Contains(s.Code))).ToList();
        var jobs = localized.Occupations.Select(o => new SkillChoice(o.Code, o.Title, o.Description, localized.IsTranslated(o.Code), chosen.Contains(o.Code))).ToList();
        var english = SkillCatalog.Taxonomy;
        bool Hit(SkillChoice c) => Matches(c.Name, c.Description)
            || (english.FindSkill(c.Code) is { } s && Matches(s.Name, s.Description))
            || (english.FindOccupation(c.Code) is { } o && Matches(o.Title, o.Description));

        var groups = Families
            .Select(f => new SkillGroup(f.Prefix, f.Title, [.. skills.Where(s => !s.Chosen && s.Code.StartsWith(f.Prefix + ".", StringComparison.Ordinal) && Hit(s))], searching))
            .Append(new SkillGroup("jobs", L.Key("Jobs it prepares for"), [.. jobs.Where(j => !j.Chosen && Hit(j))], searching))
            .Where(g => g.Choices.Count > 0)
            .ToList();
        return new SkillPicker(searching ? query!.Trim() : null, [.. skills.Concat(jobs).Where(c => c.Chosen)], groups);
    }
}
