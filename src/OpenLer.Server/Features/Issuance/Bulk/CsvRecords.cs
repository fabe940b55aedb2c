using System.Text;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Issuance.Bulk;

/// <summary>One record of a CSV file: the line it starts on (1 = the header) and its fields.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>
/// Splits CSV text into records (RFC 4180 §2: fields separated by commas, or by semicolons when the header has no comma
/// but has a semicolon, as spreadsheets in many locales write; double quotes around fields, "" for a quote inside; CRLF, LF
/// or CR line ends; a quoted field may hold line breaks). Empty lines are skipped. A quote that never closes is an error
/// naming its line.
/// </summary>
public static class CsvRecords
{
    public static (List<CsvRecord>? Records, FileProblem? Problem) Parse(string text, int maxRecords)
    {
        ArgumentNullException.ThrowIfNull(text);
        var firstLineEnd = text.IndexOfAny(['\r', '\n']);
        var header = firstLineEnd < 0 ? text : text[..firstLineEnd];
        var separator = !header.Contains(',', StringComparison.Ordinal) && header.Contains(';', StringComparison.Ordinal) ? ';' : ',';
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var quoted = false; // the current field started with a quote
        var fieldStarted = false; // the current record has content (a separator, a quote or a character)
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (c == '\n' || (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
                    {
                        line++;
                    }

                    field.Append(c);
                }

                continue;
            }

            if (c == '"' && field.Length == 0 && !quoted)
            {
                inQuotes = true;
                quoted = true;
                fieldStarted = true;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
                quoted = false;
                fieldStarted = true;
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                if (!End(records, fields, field, ref fieldStarted, recordLine, maxRecords))
                {
                    return TooMany(maxRecords);
                }

                quoted = false;
                line++;
                recordLine = line;
            }
            else
            {
                field.Append(c);
                fieldStarted = true;
            }
        }

        if (inQuotes)
        {
            return (null, new FileProblem(L.Key("A quotation mark that starts a value is never closed. Check the line:"), recordLine.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return End(records, fields, field, ref fieldStarted, recordLine, maxRecords) ? (records, null) : TooMany(maxRecords);
    }

    private static (List<CsvRecord>? Records, FileProblem? Problem) TooMany(int maxRecords) =>
        (null, new FileProblem(L.Key("The file has too many rows. Split it into files of at most this many rows:"), maxRecords.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static bool End(List<CsvRecord> records, List<string> fields, StringBuilder field, ref bool fieldStarted, int line, int maxRecords)
    {
        if (fieldStarted || field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            if (fields.Count > 1 || fields[0].Trim().Length > 0)
            {
                if (records.Count >= maxRecords + 1)
                {
                    return false;
                }

                records.Add(new CsvRecord(line, [.. fields]));
            }
        }

        fields.Clear();
        field.Clear();
        fieldStarted = false;
        return true;
    }
}
