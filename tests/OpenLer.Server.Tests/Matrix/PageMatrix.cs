using System.Globalization;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Tests.Matrix;

/// <summary>
/// The checks the language matrix makes on one page in one language at one size: the HTTP status, <c>lang</c> and
/// <c>dir</c> of <c>&lt;html&gt;</c>, no horizontal overflow (before and after opening every <c>&lt;details&gt;</c>), no
/// serious or critical axe violation, and on a translated page no English UI sentence left in the text a reader sees.
/// </summary>
internal static partial class PageMatrix
{
    /// <summary>The culture cookie the request localization reads (Infrastructure/Hosting.cs: CookieRequestCultureProvider first).</summary>
    public const string CultureCookie = ".AspNetCore.Culture";

    /// <summary>
    /// The text a reader sees (text nodes that are rendered, button values, image alternatives and accessible names),
    /// leaving out whatever sits in an element whose <c>lang</c> differs from the page's: that is how names, a program's
    /// own words and a credential's text in another language are marked.
    /// </summary>
    private const string VisibleTextScript = """
        () => {
            const pageLang = document.documentElement.lang;
            const foreign = e => { const l = e.closest('[lang]'); return l !== null && l !== document.documentElement && l.lang !== pageLang; };
            const out = [];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                const e = n.parentElement;
                if (!e || e.closest('script, style, template, noscript') || foreign(e)) continue;
                if (!e.checkVisibility({ visibilityProperty: true }) && !e.closest('.visually-hidden')) continue;
                out.push(n.nodeValue);
            }
            for (const e of document.querySelectorAll('[aria-label], img[alt], input[type=submit][value], input[placeholder], textarea[placeholder], [title]')) {
                if (foreign(e)) continue;
                for (const a of ['aria-label', 'alt', 'placeholder', 'title']) { if (e.hasAttribute(a)) out.push(e.getAttribute(a)); }
                if (e.matches('input[type=submit]')) out.push(e.value);
            }
            out.push(document.title);
            return out.join('\n');
        }
        """;

    private const string OverflowScript = """
        () => {
            const width = document.documentElement.clientWidth;
            const overflow = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - width;
            if (overflow <= 0) return '';
            const wide = [...document.querySelectorAll('body *')].filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.right > width + 0.5 || r.left < -0.5 || e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible'); })
                .slice(-4).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().replace(/\s+/g, '.') : '') + ' ' + Math.round(e.getBoundingClientRect().left) + '..' + Math.round(e.getBoundingClientRect().right));
            return overflow + ' px wider than the window (' + wide.join('; ') + ')';
        }
        """;

    private static readonly Dictionary<string, IReadOnlyList<string>> EnglishByLanguage = [];

    /// <summary>axe reports only its violations (the passes' nodes would cross the DevTools protocol for nothing).</summary>
    private static readonly AxeRunOptions ViolationsOnly = new() { ResultTypes = [ResultType.Violations] };

    /// <summary>
    /// The English UI sentences a page in <paramref name="language"/> must not show: the literal parts (between
    /// placeholders and line breaks) of every English text whose translation differs, with at least two words and eight
    /// characters (single words and strings equal in both files are names, codes, brand words or shared loanwords).
    /// </summary>
    public static IReadOnlyList<string> EnglishSentences(string language)
    {
        lock (EnglishByLanguage)
        {
            if (EnglishByLanguage.TryGetValue(language, out var known))
            {
                return known;
            }

            var english = TextCatalog.Embedded.Strings("en");
            var translated = TextCatalog.Embedded.Strings(language);
            var fragments = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (key, value) in english)
            {
                if (translated.TryGetValue(key, out var other) && string.Equals(Normalize(other), Normalize(value), StringComparison.Ordinal))
                {
                    continue;
                }

                var otherFragments = translated.TryGetValue(key, out var o) ? Fragments(o).ToHashSet(StringComparer.Ordinal) : [];
                foreach (var fragment in Fragments(value).Where(f => !otherFragments.Contains(f)))
                {
                    fragments.Add(fragment);
                }
            }

            // A fragment that is also part of a translation (an English brand phrase kept in a sentence) is not evidence.
            var translations = string.Join("\n", translated.Values);
            var result = fragments.Where(f => !translations.Contains(f, StringComparison.Ordinal)).OrderByDescending(f => f.Length).ToList();
            EnglishByLanguage[language] = result;
            return result;
        }
    }

    private static IEnumerable<string> Fragments(string value) =>
        Placeholder().Split(value).Select(Normalize)
            .Where(f => f.Length >= 8 && f.Contains(' ', StringComparison.Ordinal) && f.Count(char.IsLetter) >= 6);

    private static string Normalize(string text) => Spaces().Replace(text, " ").Trim(' ', ':', '.', ',', ';', '(', ')', '"', '“', '”', '—', '-', '…', '?', '!');

    /// <summary>Checks the page now open in <paramref name="page"/>; adds what is wrong to <paramref name="problems"/>.</summary>
    public static async Task CheckAsync(IPage page, IResponse? response, Language language, string label, List<string> problems, bool axe = true, bool english = true, int status = 200)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(language);
        ArgumentNullException.ThrowIfNull(problems);
        var viewport = page.ViewportSize!;
        var step = $"{language.Code} {viewport.Width.ToString(CultureInfo.InvariantCulture)}x{viewport.Height.ToString(CultureInfo.InvariantCulture)} {label}";
        if (response is null || response.Status != status)
        {
            problems.Add($"{step}: HTTP {response?.Status.ToString(CultureInfo.InvariantCulture) ?? "none"} at {page.Url}");
            return;
        }

        var lang = await page.Locator("html").GetAttributeAsync("lang");
        var dir = await page.Locator("html").GetAttributeAsync("dir");
        if (lang != language.Code || dir != language.Direction)
        {
            problems.Add($"{step}: <html lang={lang} dir={dir}>, expected lang={language.Code} dir={language.Direction}");
        }

        var overflow = await page.EvaluateAsync<string>(OverflowScript);
        if (overflow.Length > 0)
        {
            problems.Add($"{step}: {overflow}");
        }

        if (axe)
        {
            var result = await page.RunAxe(ViolationsOnly);
            problems.AddRange(result.Violations.Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{step}: axe {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}"));
        }

        // Everything a reader can open: the technical details, every check.
        if (await page.EvaluateAsync<int>("() => { const d = [...document.querySelectorAll('details:not([open])')]; d.forEach(e => e.open = true); return d.length; }") > 0)
        {
            var opened = await page.EvaluateAsync<string>(OverflowScript);
            if (opened.Length > 0)
            {
                problems.Add($"{step} (details open): {opened}");
            }
        }

        if (english && language.Code != "en")
        {
            var text = Spaces().Replace(await page.EvaluateAsync<string>(VisibleTextScript), " ");
            var left = EnglishSentences(language.Code).Where(f => ContainsWords(text, f)).Take(5).ToList();
            if (left.Count > 0)
            {
                problems.Add($"{step}: English left: \"{string.Join("\" | \"", left)}\"");
            }
        }
    }

    /// <summary>Whether <paramref name="text"/> holds <paramref name="fragment"/> as whole words (case-sensitive).</summary>
    private static bool ContainsWords(string text, string fragment)
    {
        var at = 0;
        while ((at = text.IndexOf(fragment, at, StringComparison.Ordinal)) >= 0)
        {
            var before = at == 0 || !char.IsLetterOrDigit(text[at - 1]);
            var end = at + fragment.Length;
            var after = end >= text.Length || !char.IsLetterOrDigit(text[end]);
            if (before && after)
            {
                return true;
            }

            at = end;
        }

        return false;
    }

    /// <summary>Switches the context's language the way the header's link does, through the culture cookie.</summary>
    public static Task UseLanguageAsync(IBrowserContext context, string baseUrl, Language language)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(language);
        return context.AddCookiesAsync([new Cookie
        {
            Name = CultureCookie,
            Value = Uri.EscapeDataString($"c={language.Code}|uic={language.Code}"),
            Url = baseUrl,
            HttpOnly = true,
            SameSite = SameSiteAttribute.Lax,
        }]);
    }

    /// <summary>A browser context with long timeouts: CI shares two cores between test projects, so slow steps get time rather than fail.</summary>
    public static async Task<IBrowserContext> NewContextAsync(IBrowser browser, BrowserNewContextOptions options)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var context = await browser.NewContextAsync(options);
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        return context;
    }

    /// <summary>Opens <paramref name="path"/> and requires HTTP 200.</summary>
    public static async Task GoAsync(IPage page, string baseUrl, string path)
    {
        ArgumentNullException.ThrowIfNull(page);
        var response = await page.GotoAsync(baseUrl + path);
        Assert.True(response?.Status == 200, $"{path}: HTTP {response?.Status}");
    }

    /// <summary>
    /// Clicks and waits until a new document has replaced the current one (as BrowserTests does), returning the response
    /// of the final navigation.
    /// </summary>
    public static async Task<IResponse?> ClickAsync(IPage page, string selector)
    {
        IResponse? last = null;
        void OnResponse(object? sender, IResponse r)
        {
            if (r.Request.IsNavigationRequest && r.Request.Frame == page.MainFrame && r.Status is < 300 or >= 400)
            {
                last = r;
            }
        }

        page.Response += OnResponse;
        try
        {
            var mark = Guid.NewGuid().ToString("N");
            await page.EvaluateAsync("mark => { window.openlerTestMark = mark; }", mark);
            await page.Locator(selector).First.ClickAsync();
            await page.WaitForFunctionAsync("mark => window.openlerTestMark !== mark && document.readyState === 'complete'", mark,
                new PageWaitForFunctionOptions { PollingInterval = 100 });
        }
        finally
        {
            page.Response -= OnResponse;
        }

        return last;
    }

    [GeneratedRegex(@"\{[0-9]+(:[^}]*)?\}|\n|\\n")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
