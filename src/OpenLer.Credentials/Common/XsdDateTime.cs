using System.Globalization;
using System.Text.RegularExpressions;

namespace OpenLer.Credentials.Common;

/// <summary>
/// XML Schema 1.1 dateTime / dateTimeStamp (XMLSCHEMA11-2 §3.3.7–3.3.8), as VC 2.0 validFrom/validUntil and Data Integrity
/// created/expires use them. A value without a time zone is read as UTC (SECURITY.md CP-14). Impossible dates are refused.
/// </summary>
public static partial class XsdDateTime
{
    [GeneratedRegex(@"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool TryParse(string? text, out DateTimeOffset value, bool requireTimeZone = false)
    {
        value = default;
        if (text is null || text.Length > 40)
        {
            return false;
        }

        var match = Pattern().Match(text);
        if (!match.Success || (requireTimeZone && !match.Groups[8].Success))
        {
            return false;
        }

        var normalized = match.Groups[8].Success ? text : text + "Z";
        return DateTimeOffset.TryParse(normalized, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }

    /// <summary>Formats as dateTimeStamp in UTC with second precision ("2026-11-28T15:04:05Z"), Gregorian calendar.</summary>
    public static string Format(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);
}
