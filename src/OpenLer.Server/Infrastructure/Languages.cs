using System.Globalization;

namespace OpenLer.Server.Infrastructure;

/// <summary>A language the app speaks: its code, its name in itself, and its writing direction (from this table, not .NET).</summary>
public sealed record Language(string Code, string NativeName, bool RightToLeft)
{
    public string Direction => RightToLeft ? "rtl" : "ltr";
}

/// <summary>The languages of the user interface. Dates always use the Gregorian calendar.</summary>
public static class Languages
{
    public static IReadOnlyList<Language> All { get; } =
    [
        new("en", "English", false),
        new("es", "Español", false),
        new("ar", "العربية", true),
    ];

    public static Language Default => All[0];

    public static Language Find(string? code) =>
        All.FirstOrDefault(l => string.Equals(l.Code, code, StringComparison.OrdinalIgnoreCase)) ?? Default;

    /// <summary>The language of the current request (its UI culture), by exact name first, then by language.</summary>
    public static Language Current
    {
        get
        {
            var culture = CultureInfo.CurrentUICulture;
            return All.FirstOrDefault(l => string.Equals(l.Code, culture.Name, StringComparison.OrdinalIgnoreCase))
                ?? All.FirstOrDefault(l => string.Equals(l.Code, culture.TwoLetterISOLanguageName, StringComparison.OrdinalIgnoreCase))
                ?? Default;
        }
    }

    public static bool IsSupported(string? code) => All.Any(l => string.Equals(l.Code, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>The culture for a language, with the Gregorian calendar (some cultures default to another calendar).</summary>
    public static CultureInfo Culture(string code)
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo(code).Clone();
        if (culture.DateTimeFormat.Calendar is not GregorianCalendar)
        {
            var gregorian = culture.OptionalCalendars.OfType<GregorianCalendar>().FirstOrDefault() ?? new GregorianCalendar();
            culture.DateTimeFormat.Calendar = gregorian;
        }

        return culture;
    }

    public static IList<CultureInfo> Cultures { get; } = All.Select(l => Culture(l.Code)).ToList();

    /// <summary>A date in the current language, Gregorian calendar, e.g. "29 November 2026".</summary>
    public static string FormatDate(DateTime date) =>
        date.ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    public static string FormatDateTime(DateTime date) =>
        date.ToString("d MMMM yyyy HH:mm", CultureInfo.CurrentCulture) + " UTC";
}
