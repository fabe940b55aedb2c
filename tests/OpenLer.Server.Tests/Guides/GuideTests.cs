using System.Net;
using System.Text.RegularExpressions;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Server.Features.Guides;
using OpenLer.Server.Infrastructure.Localization;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Guides;

/// <summary>
/// Issue 15, "Guides": every staff guide is public at /guides/{task}, renders in English, Spanish and Arabic with its
/// title, audience, 4 to 8 numbered steps and a "what if" tip, and names only buttons, links and headings that the real
/// pages show with the very same localized string.
/// </summary>
public sealed partial class GuideTests
{
    private static readonly string ServerFolder = Path.Combine(SharedFolder.RepositoryRoot, "src", "OpenLer.Server");

    public static TheoryData<string> Slugs => [.. GuideCatalog.All.Select(g => g.Slug)];

    [Fact]
    public void The_seven_staff_tasks_each_have_a_guide_of_four_to_eight_steps()
    {
        Assert.Equal(["add-client", "enroll", "complete", "issue", "help-share", "revoke", "work-authorization"], GuideCatalog.All.Select(g => g.Slug));
        Assert.All(GuideCatalog.All, g =>
        {
            Assert.InRange(g.Steps.Count, 4, 8);
            Assert.InRange(g.Tips.Count, 1, 2);
            Assert.All(g.Steps.Concat(g.Tips), s => Assert.Equal(s.Labels.Length, Placeholder().Count(s.Text)));
        });
    }

    /// <summary>
    /// Each label a guide quotes is on its page as the page's own localized string, on a button, a link, a heading or a field
    /// label, so the guide says what the person sees in every language.
    /// </summary>
    [Theory]
    [MemberData(nameof(Slugs))]
    public void Every_button_a_guide_names_is_on_the_real_page(string slug)
    {
        var guide = GuideCatalog.Find(slug)!;
        var problems = new List<string>();
        foreach (var label in guide.Steps.Concat(guide.Tips).SelectMany(s => s.Labels))
        {
            var file = Path.Combine(ServerFolder, label.Page);
            if (!File.Exists(file))
            {
                problems.Add($"{label.Text}: no page {label.Page}");
                continue;
            }

            var quoted = "T[\"" + label.Text + "\"]";
            var lines = File.ReadAllLines(file).Where(l => l.Contains(quoted, StringComparison.Ordinal)).ToList();
            if (!lines.Any(l => Element().IsMatch(l)))
            {
                problems.Add($"{label.Text}: not a button, link, heading or label on {label.Page}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("es")]
    [InlineData("ar")]
    public async Task Every_guide_renders_in_the_language_with_the_real_button_names(string code)
    {
        using var app = new OpenLerFactory();
        var reader = new WebSession(app.Client());
        var index = await reader.GetAsync("/guides");
        if (code != "en")
        {
            index = await reader.ChooseLanguageAsync(index, code);
        }

        var strings = Strings(code);
        Assert.Equal(code, index.DocumentElement.GetAttribute("lang"));
        foreach (var guide in GuideCatalog.All)
        {
            Assert.Equal(strings[guide.Title], index.QuerySelector($"#guide-{guide.Slug}")!.TextContent.Trim());
            var page = await reader.GetAsync("/guides/" + guide.Slug);
            Assert.Equal(strings[guide.Title], page.QuerySelector("main h1")!.TextContent.Trim());
            Assert.Contains(strings[guide.Audience], page.QuerySelector("#guide-audience")!.TextContent, StringComparison.Ordinal);
            var steps = page.QuerySelectorAll("#guide-steps > li").Select(li => li.TextContent).ToList();
            var tips = page.QuerySelectorAll("#guide-tips > li").Select(li => li.TextContent).ToList();
            Assert.Equal(guide.Steps.Count, steps.Count);
            Assert.Equal(guide.Tips.Count, tips.Count);
            foreach (var (step, shown) in guide.Steps.Concat(guide.Tips).Zip(steps.Concat(tips)))
            {
                var expected = string.Format(System.Globalization.CultureInfo.InvariantCulture, strings[step.Text], [.. step.Labels.Select(l => (object)strings[l.Text])]);
                Assert.Equal(expected, shown);
                Assert.DoesNotContain("{", shown, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Guides_are_public_and_linked_from_help_and_the_staff_menu_and_an_unknown_task_is_not_found()
    {
        using var app = new OpenLerFactory();
        var anonymous = new WebSession(app.Client());
        var help = await anonymous.GetAsync("/help");
        Assert.Equal("/guides", help.QuerySelector("#staff-guides")!.GetAttribute("href"));
        await anonymous.GetAsync("/guides/add-client");
        await anonymous.GetAsync("/guides/no-such-task", HttpStatusCode.NotFound);
        var caseload = File.ReadAllText(Path.Combine(ServerFolder, "Features", "Issuance", "Index.cshtml"));
        Assert.Contains("<a href=\"/guides\">@T[\"Guides for staff\"]</a>", caseload, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Strings(string code)
    {
        var file = Path.Combine(ServerFolder, "Resources", "Strings", code + ".tsv");
        return TextCatalog.Parse(File.ReadAllText(file), file);
    }

    [GeneratedRegex(@"\{[0-9]+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"<(button|a|h1|h2|h3|label|summary|legend|dt)\b")]
    private static partial Regex Element();
}
