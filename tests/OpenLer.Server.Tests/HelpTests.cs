using System.Net;
using AngleSharp.Html.Parser;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests;

/// <summary>Issue 11, help: one "What is this?" page with a part per audience, in the reader's language, linked from every page.</summary>
public sealed class HelpTests
{
    [Theory]
    [InlineData("en", "What is this?", "ltr")]
    [InlineData("es", "¿Qué es esto?", "ltr")]
    [InlineData("ar", "ما هذا؟", "rtl")]
    public async Task The_help_page_speaks_to_each_audience_in_the_readers_language_and_every_link_works(string language, string heading, string direction)
    {
        using var app = new OpenLerFactory();
        var client = app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/help");
        request.Headers.AcceptLanguage.ParseAdd(language);
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(heading, page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(direction, page.DocumentElement.GetAttribute("dir"));
        foreach (var audience in new[] { "jobseekers", "employers", "staff" })
        {
            var section = page.QuerySelector($"section#{audience}");
            Assert.NotNull(section);
            Assert.True(section!.QuerySelectorAll("ol li").Length >= 3, audience);
            Assert.NotNull(page.QuerySelector($"nav a[href='#{audience}']"));
            Assert.Equal("true", section.QuerySelector("svg")!.GetAttribute("aria-hidden"));
        }

        if (language != "en")
        {
            Assert.DoesNotContain("I am looking for work", page.Body!.TextContent, StringComparison.Ordinal);
        }

        foreach (var href in page.QuerySelectorAll("main a[href^='/']").Select(a => a.GetAttribute("href")!).Distinct())
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(href, TestContext.Current.CancellationToken)).StatusCode);
        }

        // Every page's footer leads here.
        var home = new HtmlParser().ParseDocument(await client.GetStringAsync("/", TestContext.Current.CancellationToken));
        Assert.NotNull(home.QuerySelector("footer a[href='/help']"));
    }
}
