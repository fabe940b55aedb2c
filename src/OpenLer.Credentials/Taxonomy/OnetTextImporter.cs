using System.Globalization;
using System.Text.RegularExpressions;
using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Taxonomy;

/// <summary>
/// Reads the official O*NET text database folder (tab-separated, first row = column names, e.g. <c>db_29_2_text</c>)
/// into a <see cref="SkillTaxonomy"/>: the skills of <c>Content Model Reference.txt</c> (element IDs 2.A.*.* and
/// 2.B.*.*, the 35 O*NET skills), every occupation of <c>Occupation Data.txt</c>, and for each occupation its most
/// important skills by the importance ("IM") ratings of <c>Skills.txt</c>. Descriptions are O*NET's own text
/// (CC BY 4.0: credit O*NET wherever an imported taxonomy is shown). A missing or malformed file gives an
/// error value naming the file and line, never an exception.
/// </summary>
public static partial class OnetTextImporter
{
    /// <summary>File names of the O*NET text database this importer reads.</summary>
    public const string OccupationFile = "Occupation Data.txt";

    /// <inheritdoc cref="OccupationFile"/>
    public const string ContentModelFile = "Content Model Reference.txt";

    /// <inheritdoc cref="OccupationFile"/>
    public const string SkillsFile = "Skills.txt";

    /// <summary>How many skills each occupation lists by default (its five most important).</summary>
    public const int DefaultTopSkills = 5;

    /// <summary>
    /// Imports <paramref name="directory"/>. Each occupation lists up to <paramref name="topSkills"/> skills, most
    /// important first; equal importance is ordered by element ID. Ratings O*NET recommends suppressing are skipped;
    /// occupations without ratings list no skills.
    /// </summary>
    public static Outcome<SkillTaxonomy> Import(string directory, int topSkills = DefaultTopSkills)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(topSkills);
        if (!Directory.Exists(directory))
        {
            return Missing($"folder {directory} does not exist");
        }

        var skills = new List<Skill>();
        var error = ReadTable(directory, ContentModelFile, ["Element ID", "Element Name", "Description"], (row, _) =>
        {
            if (SkillId().IsMatch(row[0]))
            {
                skills.Add(new Skill(row[0], row[1], row[2]));
            }

            return null;
        });
        if (error is not null)
        {
            return error;
        }

        if (skills.Count == 0)
        {
            return Malformed(ContentModelFile, 0, "no skill elements (2.A.x.y or 2.B.x.y)");
        }

        var skillCodes = skills.Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
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
        var ratings = new Dictionary<string, List<(string Skill, decimal Importance)>>(StringComparer.Ordinal);
        error = ReadTable(directory, SkillsFile, ["O*NET-SOC Code", "Element ID", "Scale ID", "Data Value", "Recommend Suppress"], (row, line) =>
        {
            if (row[2] != "IM")
            {
                return null;
            }

            if (!occupationCodes.Contains(row[0]))
            {
                return Malformed(SkillsFile, line, $"occupation {Truncate(row[0])} is not in {OccupationFile}");
            }

            if (!skillCodes.Contains(row[1]))
            {
                return Malformed(SkillsFile, line, $"element {Truncate(row[1])} is not a skill of {ContentModelFile}");
            }

            if (!decimal.TryParse(row[3], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var importance)
                || importance < 1 || importance > 5)
            {
                return Malformed(SkillsFile, line, $"importance \"{Truncate(row[3])}\" is not a number from 1 to 5");
            }

            if (row[4] == "Y")
            {
                return null;
            }

            if (!ratings.TryGetValue(row[0], out var list))
            {
                ratings[row[0]] = list = [];
            }

            list.Add((row[1], importance));
            return null;
        });
        if (error is not null)
        {
            return error;
        }

        var result = occupations.Select(o => new Occupation(
            o.Code,
            o.Title,
            o.Description,
            ratings.TryGetValue(o.Code, out var list) ? TopSkills(list, topSkills) : []));
        var folder = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)));
        return SkillTaxonomy.Create(
            "O*NET import (" + folder + ")",
            "O*NET text database by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA), used under the CC BY 4.0 license; "
            + $"imported by OpenLER: skills, occupations, and each occupation's {topSkills} most important skills by importance rating.",
            skills,
            result);
    }

    /// <summary>The codes of the <paramref name="count"/> most important skills: importance descending, then element ID.</summary>
    internal static IReadOnlyList<string> TopSkills(IEnumerable<(string Skill, decimal Importance)> ratings, int count) =>
        [.. ratings.OrderByDescending(r => r.Importance).ThenBy(r => r.Skill, StringComparer.Ordinal).Take(count).Select(r => r.Skill)];

    /// <summary>
    /// Reads a tab-separated O*NET file: checks that the header names <paramref name="columns"/> and that every row has
    /// as many fields as the header, then calls <paramref name="onRow"/> with the wanted fields (in the order asked)
    /// and the 1-based line number.
    /// </summary>
    private static CredentialError? ReadTable(string directory, string file, string[] columns, Func<string[], int, CredentialError?> onRow)
    {
        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
        {
            return Missing($"{file} not found in {directory}");
        }

        try
        {
            using var reader = new StreamReader(path);
            var header = reader.ReadLine()?.TrimEnd('\r').Split('\t');
            if (header is null)
            {
                return Malformed(file, 1, "the file is empty");
            }

            var indexes = new int[columns.Length];
            for (var i = 0; i < columns.Length; i++)
            {
                indexes[i] = Array.IndexOf(header, columns[i]);
                if (indexes[i] < 0)
                {
                    return Malformed(file, 1, $"the header has no \"{columns[i]}\" column (is this an O*NET text database file?)");
                }
            }

            var line = 1;
            var wanted = new string[columns.Length];
            while (reader.ReadLine() is { } text)
            {
                line++;
                text = text.TrimEnd('\r');
                if (text.Length == 0)
                {
                    continue;
                }

                var fields = text.Split('\t');
                if (fields.Length != header.Length)
                {
                    return Malformed(file, line, $"{fields.Length} fields where the header has {header.Length}");
                }

                for (var i = 0; i < indexes.Length; i++)
                {
                    wanted[i] = fields[indexes[i]];
                }

                if (onRow(wanted, line) is { } error)
                {
                    return error;
                }
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Missing($"{file} could not be read: {e.Message}");
        }
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "...";

    private static CredentialError Missing(string message) => new(TaxonomyErrors.MissingFile, "O*NET import: " + message);

    private static CredentialError Malformed(string file, int line, string message) =>
        new(TaxonomyErrors.MalformedFile, line > 0 ? $"O*NET import: {file} line {line}: {message}" : $"O*NET import: {file}: {message}");

    [GeneratedRegex(@"^2\.[AB]\.[0-9]+\.[a-z]$", RegexOptions.CultureInvariant)]
    private static partial Regex SkillId();

    [GeneratedRegex(@"^[0-9]{2}-[0-9]{4}\.[0-9]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex SocCode();
}
