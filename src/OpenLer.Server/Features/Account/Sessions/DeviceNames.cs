namespace OpenLer.Server.Features.Account.Sessions;

/// <summary>A short, non-identifying name of a browser for the session list ("Chrome / Android"); never the whole header.</summary>
public static class DeviceNames
{
    // Product names, not translated; the first match wins (Edge and Opera also say "Chrome").
    private static readonly (string Marker, string Name)[] Browsers =
    [
        ("Edg/", "Edge"), ("OPR/", "Opera"), ("SamsungBrowser", "Samsung Internet"), ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"), ("Chromium/", "Chrome"), ("Safari/", "Safari"),
    ];

    private static readonly (string Marker, string Name)[] Systems =
    [
        ("Android", "Android"), ("iPhone", "iOS"), ("iPad", "iOS"), ("Windows", "Windows"), ("Mac OS", "macOS"), ("CrOS", "ChromeOS"), ("Linux", "Linux"),
    ];

    public static string Describe(string? userAgent)
    {
        var ua = userAgent ?? "";
        var browser = Browsers.FirstOrDefault(b => ua.Contains(b.Marker, StringComparison.Ordinal)).Name ?? "Web browser";
        var system = Systems.FirstOrDefault(s => ua.Contains(s.Marker, StringComparison.Ordinal)).Name;
        return system is null ? browser : browser + " / " + system;
    }
}
