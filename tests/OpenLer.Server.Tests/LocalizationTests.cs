using System.Text.RegularExpressions;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Tests;

/// <summary>Every user-facing string of the app has a text in every supported language; names, directions and dates come from the table.</summary>
public sealed partial class LocalizationTests
{
    private static readonly string ServerFolder = Path.Combine(SharedFolder.RepositoryRoot, "src", "OpenLer.Server");

    /// <summary>Every supported language (from <see cref="Languages.All"/>, so a newly registered language is tested).</summary>
    public static TheoryData<string> SupportedLanguages => [.. Languages.All.Select(l => l.Code)];

    [Theory]
    [MemberData(nameof(SupportedLanguages))]
    public void Every_string_in_the_pages_is_translated(string code)
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in new[] { "Features", "Infrastructure" }.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(ServerFolder, folder), "*.*", SearchOption.AllDirectories))
                     .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in LocalizerKey().Matches(text))
            {
                keys.Add(m.Groups[1].Value);
            }

            foreach (Match m in MessageAssignment().Matches(text))
            {
                foreach (var group in m.Groups.Values.Skip(1).Where(g => g.Success && g.Value.Length > 0))
                {
                    keys.Add(group.Value);
                }
            }
        }

        Assert.True(keys.Count > 100, $"only {keys.Count} strings found: the scan is broken");
        var entries = ReadStrings(code);
        var missing = keys.Where(k => !entries.TryGetValue(k, out var v) || string.IsNullOrWhiteSpace(v)).ToList();
        Assert.True(missing.Count == 0, $"{code}.tsv lacks: {string.Join(" | ", missing)}");
    }

    /// <summary>
    /// Each language's file has exactly the keys of en.tsv, every value keeps the English placeholders ({0}, {1:N0}...)
    /// and adds no markup (a tag or an entity) the English does not have.
    /// </summary>
    [Theory]
    [MemberData(nameof(SupportedLanguages))]
    public void Every_language_file_has_the_english_keys_placeholders_and_no_added_markup(string code)
    {
        var english = ReadStrings("en");
        var entries = ReadStrings(code);
        var problems = new List<string>();
        problems.AddRange(english.Keys.Where(k => !entries.ContainsKey(k)).Select(k => "missing: " + k));
        problems.AddRange(entries.Keys.Where(k => !english.ContainsKey(k)).Select(k => "not in en.tsv: " + k));
        foreach (var (key, value) in entries.Where(e => english.ContainsKey(e.Key)))
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add("empty: " + key);
                continue;
            }

            var expected = Placeholders(english[key]);
            var actual = Placeholders(value);
            if (!expected.SequenceEqual(actual))
            {
                problems.Add($"placeholders {string.Join(",", actual)} instead of {string.Join(",", expected)}: {key}");
            }

            var markup = Markup().Matches(value).Select(m => m.Value).Except(Markup().Matches(english[key]).Select(m => m.Value)).ToList();
            if (markup.Count > 0)
            {
                problems.Add($"markup {string.Join(" ", markup)} not in the English: {key}");
            }
        }

        Assert.True(problems.Count == 0, $"{code}.tsv ({problems.Count} problems):\n" + string.Join("\n", problems.Take(50)));
    }

    [Fact]
    public void The_supported_languages_are_exactly_the_strings_files()
    {
        var files = Directory.EnumerateFiles(Path.Combine(ServerFolder, "Resources", "Strings"), "*.tsv").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Languages.All.Select(l => l.Code).Order(StringComparer.Ordinal), files);
        Assert.Equal(Languages.All.Select(l => l.Code).Order(StringComparer.OrdinalIgnoreCase), TextCatalog.Embedded.Codes.Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_fourteen_languages_have_their_own_names_and_directions_from_the_table()
    {
        Assert.Equal(["en", "es", "ar", "fa-AF", "ps", "uk", "ru", "fr", "sw", "so", "ti", "ht", "rw", "my"], Languages.All.Select(l => l.Code));
        Assert.Equal(["ar", "fa-AF", "ps"], Languages.All.Where(l => l.RightToLeft).Select(l => l.Code));
        Assert.Equal(["en"], Languages.All.Where(l => l.Reviewed).Select(l => l.Code));

        // The endonyms and directions of shared/data/languages/languages.tsv (Dari is "prs" there; its UI key is fa-AF).
        var table = Path.Combine(SharedFolder.SubfolderOrSkip(Path.Combine("data", "languages")), "languages.tsv");
        var rows = File.ReadAllLines(table).Skip(1).Select(l => l.Split('\t')).ToDictionary(c => c[0], StringComparer.Ordinal);
        foreach (var language in Languages.All)
        {
            var row = rows[language.Code == "fa-AF" ? "prs" : language.Code];
            Assert.True(string.Equals(row[2], language.NativeName, StringComparison.OrdinalIgnoreCase), $"{language.Code}: {language.NativeName} is not {row[2]}");
            Assert.Equal(row[4], language.Direction);
            Assert.Equal(row[7], language.FormatCulture);
        }
    }

    [Theory]
    [InlineData("en", "7 December 2026")]
    [InlineData("es", "7 de diciembre de 2026")]
    [InlineData("ar", "7 ديسمبر 2026")]
    [InlineData("fa-AF", "7 دسمبر 2026")]
    [InlineData("ps", "7 دسمبر 2026")]
    [InlineData("uk", "7 грудня 2026 р.")]
    [InlineData("ru", "7 декабря 2026 г.")]
    [InlineData("fr", "7 décembre 2026")]
    [InlineData("sw", "7 Desemba 2026")]
    [InlineData("ti", "7 ታሕሳስ 2026")]
    [InlineData("ht", "7 desanm 2026")]
    [InlineData("rw", "7 Ukuboza 2026")]
    [InlineData("my", "7 ဒီဇင်ဘာ 2026")]
    public void Dates_are_gregorian_with_the_languages_month_names(string code, string expected)
    {
        var culture = Languages.Culture(code);
        Assert.Equal(code, culture.Name);
        Assert.IsType<System.Globalization.GregorianCalendar>(culture.DateTimeFormat.Calendar);
        var date = new DateTime(2026, 12, 7, 9, 30, 0, DateTimeKind.Utc);
        Assert.Equal(expected, Languages.FormatDate(date, Languages.Find(code), culture));

        // Not the Solar Hijri year (1405) nor the Hijri one (1448).
        Assert.DoesNotContain("140", expected, StringComparison.Ordinal);
        Assert.DoesNotContain("144", expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_culture_uses_the_gregorian_calendar()
    {
        Assert.Equal(Languages.All.Count, Languages.Cultures.Count);
        foreach (var culture in Languages.Cultures)
        {
            Assert.IsType<System.Globalization.GregorianCalendar>(culture.DateTimeFormat.Calendar);
        }
    }

    /// <summary>One step: a link sets the language and returns to the same page, which then has the right lang and dir.</summary>
    [Fact]
    public async Task A_language_link_switches_in_one_step_and_returns_to_the_page()
    {
        using var app = new Support.OpenLerFactory();
        var visitor = new Support.WebSession(app.Client());
        var page = await visitor.GetAsync("/verify");
        Assert.Empty(page.QuerySelectorAll("select#language-picker"));
        foreach (var language in Languages.All.Reverse())
        {
            var links = page.QuerySelectorAll("details.languages a[hreflang]").ToList();
            Assert.Equal(Languages.All.Select(l => l.Code), links.Select(a => a.GetAttribute("hreflang")));
            var link = links.Single(a => a.GetAttribute("hreflang") == language.Code);
            Assert.Equal(language.NativeName, link.TextContent);
            Assert.Equal(language.Code, link.GetAttribute("lang"));

            var response = await visitor.Client.GetAsync(link.GetAttribute("href"));
            Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/verify", response.Headers.Location!.OriginalString);
            page = await visitor.GetAsync("/verify");
            Assert.Equal(language.Code, page.DocumentElement.GetAttribute("lang"));
            Assert.Equal(language.Direction, page.DocumentElement.GetAttribute("dir"));
            Assert.Equal("true", page.QuerySelector($"details.languages a[hreflang='{language.Code}']")!.GetAttribute("aria-current"));
        }
    }

    /// <summary>
    /// The language link is a GET, so another site could link to it: it may switch that browser's language, but it never
    /// writes the signed-in person's profile (the language of their messages). Fetch metadata tells the two apart.
    /// </summary>
    [Fact]
    public async Task A_language_link_from_another_site_does_not_change_the_profile()
    {
        const string contact = "languages@example.org";
        using var app = new Support.OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new Support.WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", contact);
        var holder = new Support.WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, holder, contact);

        using var crossSite = new HttpRequestMessage(HttpMethod.Get, "/account/language?set=ar&returnUrl=/wallet");
        crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await holder.Client.SendAsync(crossSite)).StatusCode);
        Assert.Equal("ar", (await holder.GetAsync("/wallet")).DocumentElement.GetAttribute("lang"));
        var other = await Journey.SignInJobseekerAsync(app, new Support.WebSession(app.Client()), contact);
        Assert.Equal("en", other.DocumentElement.GetAttribute("lang"));

        using var sameSite = new HttpRequestMessage(HttpMethod.Get, "/account/language?set=fa-AF&returnUrl=/wallet");
        sameSite.Headers.Add("Sec-Fetch-Site", "same-origin");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await holder.Client.SendAsync(sameSite)).StatusCode);
        var third = await Journey.SignInJobseekerAsync(app, new Support.WebSession(app.Client()), contact);
        Assert.Equal("fa-AF", third.DocumentElement.GetAttribute("lang"));
        Assert.Equal("rtl", third.DocumentElement.GetAttribute("dir"));
    }

    [Theory]
    [InlineData("ps-AF, ps;q=0.9", "ps", "rtl")]
    [InlineData("fa-AF", "fa-AF", "rtl")]
    [InlineData("uk-UA, uk;q=0.9", "uk", "ltr")]
    [InlineData("ht-HT", "ht", "ltr")]
    [InlineData("ti-ER", "ti", "ltr")]
    public async Task The_browser_language_picks_a_supported_language(string acceptLanguage, string code, string direction)
    {
        using var app = new Support.OpenLerFactory();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        var html = await (await app.Client().SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Contains($"<html lang=\"{code}\" dir=\"{direction}\">", html, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> ReadStrings(string code)
    {
        var file = Path.Combine(ServerFolder, "Resources", "Strings", code + ".tsv");
        Assert.True(File.Exists(file), $"{code}.tsv does not exist: every language of Languages.All needs a strings file.");
        return TextCatalog.Parse(File.ReadAllText(file), file);
    }

    private static List<string> Placeholders(string text) =>
        [.. Placeholder().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{[0-9]+(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"</?[A-Za-z][^>]*>|&[A-Za-z]+;|&#[0-9]+;")]
    private static partial Regex Markup();


    [Fact]
    public async Task A_first_visit_follows_the_browser_language()
    {
        using var app = new Support.OpenLerFactory();
        var client = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.AcceptLanguage.ParseAdd("ar-SY, ar;q=0.9, en;q=0.5");
        var html = await (await client.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", html, StringComparison.Ordinal);
        Assert.Contains("مهاراتك بين يديك", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("""(?:T\[|L\.Key\()"([^"]+)"[\],)]""")]
    private static partial Regex LocalizerKey();

    [GeneratedRegex("""(?:Error|Message|Title|Explanation)\s*=\s*"([^"]+)";|=> \("([^"]+)", "([^"]+)"\)|=> "([^"]+)",""")]
    private static partial Regex MessageAssignment();
}
