using System.Text.RegularExpressions;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Tests;

/// <summary>Every user-facing string of the app has an English, Spanish and Arabic text; directions come from the table.</summary>
public sealed partial class LocalizationTests
{
    private static readonly string ServerFolder = Path.Combine(SharedFolder.RepositoryRoot, "src", "OpenLer.Server");

    [Fact]
    public void Every_string_in_the_pages_is_translated_into_spanish_and_arabic()
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
        foreach (var language in Languages.All)
        {
            var file = Path.Combine(ServerFolder, "Resources", "Strings", language.Code + ".tsv");
            var entries = TextCatalog.Parse(File.ReadAllText(file), file);
            var missing = keys.Where(k => !entries.TryGetValue(k, out var v) || string.IsNullOrWhiteSpace(v)).ToList();
            Assert.True(missing.Count == 0, $"{language.Code}.tsv lacks: {string.Join(" | ", missing)}");
        }
    }

    [Fact]
    public void Arabic_is_right_to_left_and_dates_use_the_gregorian_calendar()
    {
        Assert.Equal("rtl", Languages.Find("ar").Direction);
        Assert.Equal("ltr", Languages.Find("es").Direction);
        Assert.Equal("العربية", Languages.Find("ar").NativeName);
        Assert.Equal("Español", Languages.Find("es").NativeName);
        foreach (var culture in Languages.Cultures)
        {
            Assert.IsType<System.Globalization.GregorianCalendar>(culture.DateTimeFormat.Calendar);
        }

        var arabic = Languages.Culture("ar");
        Assert.Contains("2026", new DateTime(2026, 11, 29).ToString("d MMMM yyyy", arabic), StringComparison.Ordinal);
    }

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
