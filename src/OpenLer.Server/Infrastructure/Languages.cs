using System.Globalization;

namespace OpenLer.Server.Infrastructure;

/// <summary>
/// A language the app speaks: its code (the UI key, the <c>lang</c> attribute and the strings file name), its name in
/// itself, its writing direction (from our table of languages, never from .NET), the .NET culture that formats its
/// dates and numbers (with the Gregorian calendar), the pattern of a date, and whether a native speaker has reviewed
/// its strings (docs/translations.md).
/// </summary>
public sealed record Language(string Code, string NativeName, bool RightToLeft, string FormatCulture, string DatePattern, bool Reviewed)
{
    public string Direction => RightToLeft ? "rtl" : "ltr";
}

/// <summary>The languages of the user interface. Dates always use the Gregorian calendar.</summary>
public static class Languages
{
    private const string DayMonthYear = "d MMMM yyyy";

    /// <summary>
    /// Haitian Creole has no .NET (ICU) locale data: it formats with fr-HT, whose month names are French. These are the
    /// Kreyòl month names (Pawòl Kreyòl orthography), January to December.
    /// </summary>
    private static readonly string[] HaitianMonths =
        ["janvye", "fevriye", "mas", "avril", "me", "jen", "jiyè", "out", "septanm", "oktòb", "novanm", "desanm"];

    /// <summary>
    /// Endonyms and directions from shared/data/languages/languages.tsv. Dari's UI key is <c>fa-AF</c> (its own code
    /// <c>prs</c> is not a predefined culture and would silently format in English, left to right).
    /// </summary>
    public static IReadOnlyList<Language> All { get; } =
    [
        new("en", "English", false, "en-US", DayMonthYear, Reviewed: true),
        new("es", "Español", false, "es-US", "d 'de' MMMM 'de' yyyy", Reviewed: false),
        new("ar", "العربية", true, "ar", DayMonthYear, Reviewed: false),
        new("fa-AF", "دری", true, "fa-AF", DayMonthYear, Reviewed: false),
        new("ps", "پښتو", true, "ps-AF", DayMonthYear, Reviewed: false),
        new("uk", "Українська", false, "uk-UA", "d MMMM yyyy 'р.'", Reviewed: false),
        new("ru", "Русский", false, "ru-RU", "d MMMM yyyy 'г.'", Reviewed: false),
        new("fr", "Français", false, "fr-CD", DayMonthYear, Reviewed: false),
        new("sw", "Kiswahili", false, "sw-CD", DayMonthYear, Reviewed: false),
        new("so", "Soomaali", false, "so-SO", DayMonthYear, Reviewed: false),
        new("ti", "ትግርኛ", false, "ti-ER", DayMonthYear, Reviewed: false),
        new("ht", "Kreyòl ayisyen", false, "fr-HT", DayMonthYear, Reviewed: false),
        new("rw", "Ikinyarwanda", false, "rw-RW", DayMonthYear, Reviewed: false),
        new("my", "မြန်မာဘာသာ", false, "my-MM", DayMonthYear, Reviewed: false),
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

    /// <summary>
    /// The culture for a language: named by the language's code (so the request's UI culture finds it again) but
    /// formatting like <see cref="Language.FormatCulture"/>, always with the Gregorian calendar (fa-AF and ps-AF default
    /// to the Solar Hijri one, some Arabic cultures to the Hijri one).
    /// </summary>
    public static CultureInfo Culture(string code)
    {
        var language = Find(code);
        var culture = (CultureInfo)CultureInfo.GetCultureInfo(language.Code).Clone();
        var format = (CultureInfo)CultureInfo.GetCultureInfo(language.FormatCulture).Clone();
        if (format.DateTimeFormat.Calendar is not GregorianCalendar)
        {
            format.DateTimeFormat.Calendar = format.OptionalCalendars.OfType<GregorianCalendar>().FirstOrDefault() ?? new GregorianCalendar();
        }

        if (language.Code == "ht")
        {
            format.DateTimeFormat.MonthNames = [.. HaitianMonths, ""];
            format.DateTimeFormat.MonthGenitiveNames = [.. HaitianMonths, ""];
        }

        culture.DateTimeFormat = format.DateTimeFormat;
        culture.NumberFormat = format.NumberFormat;
        return culture;
    }

    public static IList<CultureInfo> Cultures { get; } = All.Select(l => Culture(l.Code)).ToList();

    /// <summary>A date in the current language, Gregorian calendar, e.g. "29 November 2026", "29 de noviembre de 2026".</summary>
    public static string FormatDate(DateTime date) => FormatDate(date, Current, CultureInfo.CurrentCulture);

    /// <summary>A date in the given language and culture (messages and documents rendered outside a request's culture).</summary>
    public static string FormatDate(DateTime date, Language language, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(language);
        return date.ToString(language.DatePattern, culture);
    }

    public static string FormatDateTime(DateTime date) =>
        date.ToString(Current.DatePattern + " HH:mm", CultureInfo.CurrentCulture) + " UTC";
}
