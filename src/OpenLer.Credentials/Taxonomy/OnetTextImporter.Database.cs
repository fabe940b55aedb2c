using System.Globalization;
using System.Text.RegularExpressions;
using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Taxonomy;

/// <summary>The full O*NET table: occupations, alternate titles, skill and knowledge ratings, Job Zones.</summary>
public static partial class OnetTextImporter
{
    /// <inheritdoc cref="OccupationFile"/>
    public const string AlternateTitlesFile = "Alternate Titles.txt";

    /// <inheritdoc cref="OccupationFile"/>
    public const string KnowledgeFile = "Knowledge.txt";

    /// <inheritdoc cref="OccupationFile"/>
    public const string JobZonesFile = "Job Zones.txt";

    /// <summary>The files <see cref="ImportDatabase"/> reads.</summary>
    public static IReadOnlyList<string> DatabaseFiles { get; } =
        [ContentModelFile, OccupationFile, AlternateTitlesFile, SkillsFile, KnowledgeFile, JobZonesFile];

    /// <summary>
    /// Imports the compact O*NET table from the text database in <paramref name="directory"/>: the skill (2.A, 2.B) and
    /// knowledge (2.C) elements of <c>Content Model Reference.txt</c>, every occupation of <c>Occupation Data.txt</c>
    /// with its Job Zone (<c>Job Zones.txt</c>), its alternate and short titles (<c>Alternate Titles.txt</c>, duplicates
    /// and "n/a" left out) and, from <c>Skills.txt</c> and <c>Knowledge.txt</c>, each element's importance (IM, 1-5) and
    /// level (LV, 0-7). A value with Recommend Suppress = Y or Not Relevant = Y is dropped (null); an element whose
    /// two values are both dropped is left out. The release ("29.2") is read from the folder name (<c>db_29_2_text</c>).
    /// A missing or malformed file gives an error naming the file and line.
    /// </summary>
    public static Outcome<OnetDatabase> ImportDatabase(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            return Missing($"folder {directory} does not exist");
        }

        var elements = new List<(string Id, string Name, string Description)>();
        var error = ReadTable(directory, ContentModelFile, ["Element ID", "Element Name", "Description"], (row, _) =>
        {
            if (SkillId().IsMatch(row[0]) || row[0].StartsWith("2.C.", StringComparison.Ordinal))
            {
                elements.Add((row[0], row[1], row[2]));
            }

            return null;
        });
        if (error is not null)
        {
            return error;
        }

        var occupations = new List<(string Code, string Title, string Description)>();
        error = ReadTable(directory, OccupationFile, ["O*NET-SOC Code", "Title", "Description"], (row, line) =>
        {
            if (!SocCode().IsMatch(row[0]))
            {
                return Malformed(OccupationFile, line, $"\"{Truncate(row[0])}\" is not an O*NET-SOC code (NN-NNNN.NN)");
            }

            occupations.Add((row[0], row[1], row[2]));
            return null;
        });
        if (error is not null)
        {
            return error;
        }

        var occupationCodes = occupations.Select(o => o.Code).ToHashSet(StringComparer.Ordinal);
        var titles = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        error = ReadTable(directory, AlternateTitlesFile, ["O*NET-SOC Code", "Alternate Title", "Short Title"], (row, line) =>
        {
            if (!occupationCodes.Contains(row[0]))
            {
                return Malformed(AlternateTitlesFile, line, $"occupation {Truncate(row[0])} is not in {OccupationFile}");
            }

            if (!titles.TryGetValue(row[0], out var list))
            {
                titles[row[0]] = list = [];
            }

            foreach (var title in new[] { row[1], row[2] })
            {
                if (title.Length > 0 && title != "n/a" && !list.Contains(title, StringComparer.Ordinal))
                {
                    list.Add(title);
                }
            }

            return null;
        });
        if (error is not null)
        {
            return error;
        }

        var zones = new Dictionary<string, int>(StringComparer.Ordinal);
        error = ReadTable(directory, JobZonesFile, ["O*NET-SOC Code", "Job Zone"], (row, line) =>
        {
            if (!occupationCodes.Contains(row[0]))
            {
                return Malformed(JobZonesFile, line, $"occupation {Truncate(row[0])} is not in {OccupationFile}");
            }

            if (!int.TryParse(row[1], NumberStyles.None, CultureInfo.InvariantCulture, out var zone) || zone is < 1 or > 5)
            {
                return Malformed(JobZonesFile, line, $"Job Zone \"{Truncate(row[1])}\" is not a number from 1 to 5");
            }

            return zones.TryAdd(row[0], zone) ? null : Malformed(JobZonesFile, line, $"occupation {row[0]} has a second Job Zone");
        });
        if (error is not null)
        {
            return error;
        }

        var skillIds = elements.Where(e => SkillId().IsMatch(e.Id)).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var knowledgeIds = elements.Where(e => e.Id.StartsWith("2.C.", StringComparison.Ordinal)).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var ratings = new Dictionary<(string Occupation, string Element), (decimal? Importance, decimal? Level)>();
        foreach (var (file, allowed, kind) in new[] { (SkillsFile, skillIds, "a skill"), (KnowledgeFile, knowledgeIds, "a knowledge element") })
        {
            error = ReadRatings(directory, file, occupationCodes, allowed, kind, ratings);
            if (error is not null)
            {
                return error;
            }
        }

        var rated = ratings.Keys.Select(k => k.Element).ToHashSet(StringComparer.Ordinal);
        var elementList = elements
            .Where(e => rated.Contains(e.Id))
            .Select(e => new OnetElement(e.Id, skillIds.Contains(e.Id) ? OnetDomain.Skill : OnetDomain.Knowledge, e.Name, e.Description))
            .ToList();
        var result = occupations.Select(o => new OnetOccupation(
            o.Code,
            o.Title,
            o.Description,
            zones.TryGetValue(o.Code, out var zone) ? zone : null,
            (titles.TryGetValue(o.Code, out var list) ? list : []).AsReadOnly(),
            elementList
                .Where(e => ratings.ContainsKey((o.Code, e.Id)))
                .Select(e => ratings[(o.Code, e.Id)] is var r && (r.Importance is not null || r.Level is not null) ? new OnetRating(e.Id, r.Importance, r.Level) : null)
                .OfType<OnetRating>()
                .ToList()
                .AsReadOnly()))
            .ToList();
        var release = ReleaseOf(directory);
        return new OnetDatabase(
            release,
            $"O*NET {release} Database by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA), used under the CC BY 4.0 license. "
            + "O*NET® is a trademark of USDOL/ETA. OpenLER has modified all or some of this information (a compact derived table: occupations, "
            + "alternate titles, Job Zones, skill and knowledge importance and level). USDOL/ETA has not approved, endorsed, or tested these modifications.",
            elementList.AsReadOnly(),
            result.AsReadOnly());
    }

    /// <summary>
    /// The taxonomy <see cref="Import"/> builds, derived from an imported table: the skills, every occupation, and each
    /// occupation's <paramref name="topSkills"/> most important skills (importance descending, then element ID).
    /// </summary>
    public static Outcome<SkillTaxonomy> ToTaxonomy(OnetDatabase database, string folderName, int topSkills = DefaultTopSkills)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(topSkills);
        var skills = database.Elements.Where(e => e.Domain == OnetDomain.Skill).Select(e => new Skill(e.Id, e.Name, e.Description)).ToList();
        var skillIds = skills.Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
        var occupations = database.Occupations.Select(o => new Occupation(
            o.Code,
            o.Title,
            o.Description,
            TopSkills(o.Ratings.Where(r => skillIds.Contains(r.ElementId) && r.Importance is not null).Select(r => (r.ElementId, r.Importance!.Value)), topSkills)));
        return SkillTaxonomy.Create(
            "O*NET import (" + folderName + ")",
            "O*NET text database by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA), used under the CC BY 4.0 license; "
            + $"imported by OpenLER: skills, occupations, and each occupation's {topSkills} most important skills by importance rating.",
            skills,
            occupations);
    }

    private static CredentialError? ReadRatings(
        string directory,
        string file,
        HashSet<string> occupations,
        HashSet<string> elements,
        string kind,
        Dictionary<(string, string), (decimal? Importance, decimal? Level)> ratings)
    {
        var seen = new HashSet<(string, string, string)>();
        return ReadTable(directory, file, ["O*NET-SOC Code", "Element ID", "Scale ID", "Data Value", "Recommend Suppress", "Not Relevant"], (row, line) =>
        {
            var (low, high, name) = row[2] switch
            {
                "IM" => (OnetScale.ImportanceLow, OnetScale.ImportanceHigh, "importance"),
                "LV" => (OnetScale.LevelLow, OnetScale.LevelHigh, "level"),
                _ => (0m, 0m, null as string),
            };
            if (name is null)
            {
                return Malformed(file, line, $"scale \"{Truncate(row[2])}\" is not IM or LV");
            }

            if (!occupations.Contains(row[0]))
            {
                return Malformed(file, line, $"occupation {Truncate(row[0])} is not in {OccupationFile}");
            }

            if (!elements.Contains(row[1]))
            {
                return Malformed(file, line, $"element {Truncate(row[1])} is not {kind} of {ContentModelFile}");
            }

            if (!decimal.TryParse(row[3], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
                || value < low || value > high || decimal.Round(value, 2) != value)
            {
                return Malformed(file, line, $"{name} \"{Truncate(row[3])}\" is not a number from {low} to {high} with at most two decimals");
            }

            if (!seen.Add((row[0], row[1], row[2])))
            {
                return Malformed(file, line, $"occupation {row[0]} rates {row[1]} on {row[2]} twice");
            }

            var key = (row[0], row[1]);
            ratings.TryGetValue(key, out var entry);
            var keep = row[4] != "Y" && row[5] != "Y";
            ratings[key] = row[2] == "IM"
                ? entry with { Importance = keep ? value : null }
                : entry with { Level = keep ? value : null };
            return null;
        });
    }

    /// <summary>"db_29_2_text" → "29.2"; any other folder name is used as it is.</summary>
    private static string ReleaseOf(string directory)
    {
        var folder = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)));
        var match = ReleaseFolder().Match(folder);
        return match.Success ? match.Groups[1].Value + "." + match.Groups[2].Value : folder;
    }

    [GeneratedRegex(@"^db_([0-9]+)_([0-9]+)_text$", RegexOptions.CultureInvariant)]
    private static partial Regex ReleaseFolder();
}
