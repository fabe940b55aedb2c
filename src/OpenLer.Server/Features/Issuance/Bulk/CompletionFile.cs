using System.Globalization;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Issuance.Bulk;

/// <summary>One row of a completions file: its line, the completion when the row is valid, otherwise what is wrong with it.</summary>
public sealed record CompletionLine(int Line, Completion? Completion, string? Problem, string? Detail = null);

/// <summary>
/// Reads a cohort's completions from CSV text: a header naming the columns (in any order; <see cref="Required"/> and
/// <see cref="Optional"/>), then one row per completion. Each row is checked on its own and gets one plain-language
/// problem at most; the checks that need the database (program names, earlier uploads, sites) come later. Values are kept
/// as text: a value that starts like a spreadsheet formula (<c>=HYPERLINK(...)</c>) is refused where it names a person or
/// program, and kept as plain text in the evidence, which the app only ever shows as text.
/// </summary>
public static class CompletionFile
{
    public const int MaxRows = 250_000;
    public const int EvidenceMaxLength = TextLimits.Paragraph;

    public static readonly string[] Required = ["contact", "name", "program", "completion_date"];
    public static readonly string[] Optional = ["evidence", "english_level", "language"];

    public static (List<CompletionLine>? Lines, FileProblem? Problem) Read(string text, string phoneRegion, DateOnly today)
    {
        var (records, problem) = CsvRecords.Parse(text, MaxRows);
        if (problem is not null)
        {
            return (null, problem);
        }

        if (records!.Count == 0)
        {
            return (null, new FileProblem(L.Key("The file is empty.")));
        }

        var header = records[0].Fields.Select(Column).ToList();
        var missing = Required.Where(c => !header.Contains(c)).ToList();
        var unknown = header.Where(c => !Required.Contains(c) && !Optional.Contains(c)).ToList();
        var repeated = header.GroupBy(c => c).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (missing.Count > 0 || unknown.Count > 0 || repeated.Count > 0)
        {
            var detail = string.Join("; ", new[]
            {
                missing.Count > 0 ? "missing: " + string.Join(", ", missing) : null,
                unknown.Count > 0 ? "not known: " + string.Join(", ", unknown.Select(u => u.Length > 40 ? u[..40] : u)) : null,
                repeated.Count > 0 ? "twice: " + string.Join(", ", repeated) : null,
            }.Where(p => p is not null));
            return (null, new FileProblem(L.Key("The first line must name the columns: contact, name, program, completion_date, and if you have them evidence, english_level, language."), detail));
        }

        if (records.Count == 1)
        {
            return (null, new FileProblem(L.Key("The file has a header but no rows.")));
        }

        var at = header.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        var lines = new List<CompletionLine>(records.Count - 1);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new Dictionary<string, (string Name, int Line)>(StringComparer.Ordinal);
        foreach (var record in records.Skip(1))
        {
            var line = ReadRow(record, header.Count, at, phoneRegion, today);
            if (line.Completion is { } c)
            {
                var key = string.Join('\u001f', c.Contact, c.Program.ToUpperInvariant(), c.CompletedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                if (seen.TryGetValue(key, out var first))
                {
                    line = new CompletionLine(record.Line, null, L.Key("The same person, program and date as an earlier row. Row:"), first.ToString(CultureInfo.InvariantCulture));
                }
                else if (names.TryGetValue(c.Contact, out var other) && !string.Equals(other.Name, c.Name, StringComparison.OrdinalIgnoreCase))
                {
                    line = new CompletionLine(record.Line, null, L.Key("The same contact as an earlier row, but a different name. Check which is right. Row:"), other.Line.ToString(CultureInfo.InvariantCulture));
                }
                else
                {
                    seen[key] = record.Line;
                    names.TryAdd(c.Contact, (c.Name, record.Line));
                }
            }

            lines.Add(line);
        }

        return (lines, null);
    }

    private static CompletionLine ReadRow(CsvRecord record, int columns, Dictionary<string, int> at, string phoneRegion, DateOnly today)
    {
        var line = record.Line;
        if (record.Fields.Count != columns)
        {
            return new CompletionLine(line, null, L.Key("This row has a different number of values than the first line. Check for a comma inside a value without quotes."),
                string.Create(CultureInfo.InvariantCulture, $"{record.Fields.Count}/{columns}"));
        }

        string Get(string column) => at.TryGetValue(column, out var i) ? record.Fields[i].Trim() : "";

        var contactText = Get("contact");
        var name = Get("name");
        var program = Get("program");
        var date = Get("completion_date");
        var evidence = Get("evidence");
        var english = Get("english_level");
        var language = Get("language");
        if (contactText.Length == 0)
        {
            return new CompletionLine(line, null, L.Key("The contact is empty. Give an e-mail address or a phone number."));
        }

        var contact = contactText.Length <= Contacts.MaxLength ? Contacts.Normalize(contactText, phoneRegion) : null;
        if (contact is null)
        {
            return new CompletionLine(line, null, L.Key("The contact is not an e-mail address or a phone number we can use."));
        }

        if (name.Length == 0)
        {
            return new CompletionLine(line, null, L.Key("The name is empty."));
        }

        if (LooksLikeFormula(name) || LooksLikeFormula(program))
        {
            return new CompletionLine(line, null, L.Key("A name or program starts with = or @ like a spreadsheet formula. Type the text itself."));
        }

        if (name.Length > TextLimits.Name || HasControl(name))
        {
            return new CompletionLine(line, null, L.Key("The name is too long or has characters we cannot use."));
        }

        if (program.Length == 0)
        {
            return new CompletionLine(line, null, L.Key("The program is empty."));
        }

        if (program.Length > TextLimits.Name)
        {
            return new CompletionLine(line, null, L.Key("No program of your organization has this name."));
        }

        if (!DateOnly.TryParseExact(date, ["yyyy-MM-dd", "yyyy/MM/dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var completedOn))
        {
            return new CompletionLine(line, null, L.Key("The completion date is not a date written as year-month-day, for example 2026-05-31."));
        }

        if (completedOn > today)
        {
            return new CompletionLine(line, null, L.Key("The completion date is in the future."));
        }

        if (evidence.Length > EvidenceMaxLength || HasControl(evidence))
        {
            return new CompletionLine(line, null, L.Key("The evidence is longer than 2,000 characters or has characters we cannot use."));
        }

        string? level = null;
        if (english.Length > 0)
        {
            level = CredentialIssuer.CefrLevels.FirstOrDefault(l => string.Equals(l, english, StringComparison.OrdinalIgnoreCase));
            if (level is null)
            {
                return new CompletionLine(line, null, L.Key("The English level is not one of A1, A2, B1, B2, C1, C2."));
            }
        }

        if (language.Length > 0 && !Languages.IsSupported(language))
        {
            return new CompletionLine(line, null, L.Key("The language is not one this service offers. Leave it empty for English."));
        }

        return new CompletionLine(line, new Completion(contact.Value, name, program, completedOn, evidence.Length == 0 ? null : evidence, level,
            Languages.Find(language.Length == 0 ? null : language).Code), null);
    }

    /// <summary>A header cell as a column name: lower case, spaces and hyphens as underscores (so "Completion date" works).</summary>
    private static string Column(string header) =>
        header.Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_');

    private static bool LooksLikeFormula(string value) => value.Length > 0 && value[0] is '=' or '@';

    private static bool HasControl(string value) => value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));
}
