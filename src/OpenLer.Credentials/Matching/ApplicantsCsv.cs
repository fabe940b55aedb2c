using System.Globalization;
using System.Text;
using OpenLer.Credentials.Taxonomy;

namespace OpenLer.Credentials.Matching;

/// <summary>
/// A vacancy's ranked applicants as CSV for an applicant tracking system or a spreadsheet: RFC 4180 (comma-separated,
/// CRLF line ends, fields with a comma, quote, CR or LF in double quotes with quotes doubled), UTF-8 with a byte order
/// mark so that Excel reads non-ASCII text (Arabic, accents) correctly. One header row, then one row per applicant, best
/// first: Rank, Applicant (the caller's label, e.g. the display name the applicant shared), Score, Must-haves met, Work
/// authorization (only when the vacancy requires it), one column per vacancy skill ("2.A.1.b Active Listening
/// (must-have)") holding verified, self-reported or missing, and Proving credentials. Every cell that starts with
/// = + - @ tab or CR gets a leading single quote, so a spreadsheet shows it as text instead of running it as a formula
/// (OWASP CSV injection).
/// </summary>
public static class ApplicantsCsv
{
    /// <summary>Writes the CSV, byte order mark first.</summary>
    public static void Write(Stream stream, Vacancy vacancy, IEnumerable<ApplicantMatch> ranked, Func<string, string?> label, OnetDatabase? onet = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var bytes = ToBytes(vacancy, ranked, label, onet);
        stream.Write(bytes);
    }

    /// <summary>The CSV as UTF-8 bytes with a byte order mark.</summary>
    public static byte[] ToBytes(Vacancy vacancy, IEnumerable<ApplicantMatch> ranked, Func<string, string?> label, OnetDatabase? onet = null)
    {
        var text = ToText(vacancy, ranked, label, onet);
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
        return [.. encoding.GetPreamble(), .. encoding.GetBytes(text)];
    }

    /// <summary>The CSV text (without the byte order mark).</summary>
    public static string ToText(Vacancy vacancy, IEnumerable<ApplicantMatch> ranked, Func<string, string?> label, OnetDatabase? onet = null)
    {
        ArgumentNullException.ThrowIfNull(vacancy);
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(label);
        onet ??= OnetDatabase.BuiltIn;
        var builder = new StringBuilder();
        var header = new List<string> { "Rank", "Applicant", "Score", "Must-haves met" };
        if (vacancy.RequiresWorkAuthorization)
        {
            header.Add("Work authorization");
        }

        header.AddRange(vacancy.Skills.Select(s => $"{s.Code} {onet.FindElement(s.Code)?.Name ?? ""} ({Category(s)})".Replace(" ()", "", StringComparison.Ordinal)));
        header.Add("Proving credentials");
        Row(builder, header);
        var rank = 0;
        foreach (var match in ranked)
        {
            rank++;
            var row = new List<string>
            {
                rank.ToString(CultureInfo.InvariantCulture),
                label(match.ApplicationId) ?? match.ApplicationId,
                match.Score.ToString("0.0", CultureInfo.InvariantCulture),
                match.MustHaveMet ? "yes" : "no",
            };
            if (vacancy.RequiresWorkAuthorization)
            {
                row.Add(match.WorkAuthorizationMet == true ? "yes" : "not disclosed or no");
            }

            row.AddRange(match.Skills.Select(s => s.Evidence switch
            {
                EvidenceKind.Verified => "verified",
                EvidenceKind.SelfReported => "self-reported",
                _ => "missing",
            }));
            row.Add(string.Join("; ", match.Skills.SelectMany(s => s.Proofs).Select(p => p.CredentialId).Distinct(StringComparer.Ordinal)));
            Row(builder, row);
        }

        return builder.ToString();
    }

    /// <summary>One CSV field: formula-neutralized, then quoted when RFC 4180 requires it.</summary>
    public static string Field(string? value)
    {
        var text = value ?? string.Empty;
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    private static string Category(VacancySkill skill) => skill.MustHave ? "must-have" : skill.Weight switch
    {
        3 => "weight 3",
        2 => "important",
        _ => "nice-to-have",
    };

    private static void Row(StringBuilder builder, IEnumerable<string> fields)
    {
        builder.AppendJoin(',', fields.Select(Field));
        builder.Append("\r\n");
    }
}
