using Microsoft.Playwright;

namespace OpenLer.Server.Tests.Support;

/// <summary>
/// Reads the sign-in code the demo outbox shows on a code page. The message dispatcher delivers in the background: the
/// page waits a few seconds for it, and on a loaded machine that can pass before delivery, so this reloads the page (a
/// GET shows the form again and sends nothing) until the code is there, for up to two minutes.
/// </summary>
public static class DemoCodes
{
    public static async Task<string> ReadAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var until = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (await page.Locator("#demo-code").CountAsync() == 0 && DateTime.UtcNow < until)
        {
            await Task.Delay(500);
            await page.ReloadAsync();
        }

        return (await page.Locator("#demo-code").TextContentAsync())!.Replace(" ", "", StringComparison.Ordinal).Trim();
    }
}
