using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace OpenLer.Server.Tests.Support;

/// <summary>A person's browser without JavaScript: fetches pages, fills and submits forms (with their antiforgery tokens).</summary>
public sealed class WebSession(HttpClient client)
{
    private static readonly HtmlParser Parser = new();
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IHtmlDocument, string> Paths = [];

    public HttpClient Client => client;

    public HttpResponseMessage? Last { get; private set; }

    /// <summary>Every Set-Cookie header the server sent this browser, in order (to copy a cookie into another client).</summary>
    public List<string> SetCookies { get; } = [];

    /// <summary>The last value the server set for a cookie, or null.</summary>
    public string? CookieValue(string name) =>
        SetCookies.Where(c => c.StartsWith(name + "=", StringComparison.Ordinal)).Select(c => c[(name.Length + 1)..].Split(';')[0]).LastOrDefault();

    public async Task<IHtmlDocument> GetAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        Last = await client.GetAsync(path);
        Remember(Last);
        Assert.Equal(expected, Last.StatusCode);
        return Parse(await Last.Content.ReadAsStringAsync());
    }

    /// <summary>Submits the form (chosen by a CSS selector) with its own fields, overridden by <paramref name="fields"/>; follows redirects.</summary>
    public async Task<IHtmlDocument> SubmitAsync(IHtmlDocument page, string formSelector, IDictionary<string, string> fields, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var form = page.QuerySelector(formSelector) as IHtmlFormElement ?? throw new InvalidOperationException("No form " + formSelector);
        var values = new List<KeyValuePair<string, string>>();
        foreach (var input in form.Elements.OfType<IHtmlInputElement>())
        {
            if (string.IsNullOrEmpty(input.Name) || fields.ContainsKey(input.Name) || input.Type is "submit" or "file")
            {
                continue;
            }

            if (input.Type is "checkbox" or "radio" && !input.IsChecked)
            {
                continue;
            }

            values.Add(new(input.Name, input.Value));
        }

        foreach (var area in form.Elements.OfType<IHtmlTextAreaElement>())
        {
            if (!string.IsNullOrEmpty(area.Name) && !fields.ContainsKey(area.Name))
            {
                values.Add(new(area.Name, area.Value));
            }
        }

        foreach (var select in form.Elements.OfType<IHtmlSelectElement>())
        {
            if (!string.IsNullOrEmpty(select.Name) && !fields.ContainsKey(select.Name) && select.Value is { } v)
            {
                values.Add(new(select.Name, v));
            }
        }

        foreach (var (key, value) in fields)
        {
            foreach (var part in value.Split('\u001f'))
            {
                values.Add(new(key, part));
            }
        }

        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? (Paths.TryGetValue(page, out var p) ? p : "/") : action;

        if (string.Equals(form.GetAttribute("method"), "get", StringComparison.OrdinalIgnoreCase))
        {
            // A GET form (a search box, a confirmation step): its fields become the query, as a browser does.
            var query = string.Join('&', values.Select(v => Uri.EscapeDataString(v.Key) + "=" + Uri.EscapeDataString(v.Value)));
            return await GetAsync(target.Split('?')[0] + "?" + query, expected);
        }

        Last = await client.PostAsync(target, new FormUrlEncodedContent(values));
        Remember(Last);
        return await FollowAsync(expected);
    }

    /// <summary>Follows the page's language link for <paramref name="code"/> (one step, back to the same page).</summary>
    public async Task<IHtmlDocument> ChooseLanguageAsync(IHtmlDocument page, string code)
    {
        ArgumentNullException.ThrowIfNull(page);
        var link = page.QuerySelector($"details.languages a[hreflang='{code}']") ?? throw new InvalidOperationException("No language link for " + code);
        Last = await client.GetAsync(link.GetAttribute("href"));
        Remember(Last);
        return await FollowAsync();
    }

    private void Remember(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            SetCookies.AddRange(cookies);
        }
    }

    private IHtmlDocument Parse(string html)
    {
        var document = Parser.ParseDocument(html);
        Paths.AddOrUpdate(document, Last!.RequestMessage!.RequestUri!.PathAndQuery);
        return document;
    }

    public async Task<IHtmlDocument> FollowAsync(HttpStatusCode expected = HttpStatusCode.OK)
    {
        var hops = 0;
        while (Last!.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther && hops++ < 5)
        {
            Last = await client.GetAsync(Last.Headers.Location);
            Remember(Last);
        }

        var html = await Last.Content.ReadAsStringAsync();
        Assert.True(expected == Last.StatusCode, $"Expected {expected}, got {Last.StatusCode}: {html[..Math.Min(html.Length, 3000)]}");
        return Parse(html);
    }
}
