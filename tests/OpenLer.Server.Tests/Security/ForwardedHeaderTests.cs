using System.Net;
using OpenLer.Server.Infrastructure.Security;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Security;

/// <summary>
/// Issue 9 finding 9 and hardening: X-Forwarded-For and X-Forwarded-Proto count only from known proxies (loopback by
/// default, or OpenLer:ForwardedHeaders); a Production instance reached over plain http without such a proxy answers a
/// clear 400 page (not a 500), except /healthz.
/// </summary>
public sealed class ForwardedHeaderTests
{
    private static Dictionary<string, string?> PublicLimit(int permits, params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"{RateLimitSettings.Section}:Public:Permits"] = permits.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [$"{RateLimitSettings.Section}:Public:WindowSeconds"] = "3600",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static async Task<HttpStatusCode> GetAsync(OpenLerFactory app, string peer, string? forwardedFor, string path = "/")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(TestClientAddress.Header, peer);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return (await app.Client().SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task The_client_address_comes_from_x_forwarded_for_only_when_a_known_proxy_sends_it()
    {
        using var app = new OpenLerFactory(settings: PublicLimit(2));

        // Through the local proxy, two clients have a limit each.
        Assert.Equal(HttpStatusCode.OK, await GetAsync(app, "127.0.0.1", "203.0.113.1"));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(app, "127.0.0.1", "203.0.113.1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await GetAsync(app, "127.0.0.1", "203.0.113.1"));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(app, "127.0.0.1", "203.0.113.2"));

        // A client that is not a proxy cannot pick a new address per request.
        Assert.Equal(HttpStatusCode.OK, await GetAsync(app, "198.51.100.9", "203.0.113.10"));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(app, "198.51.100.9", "203.0.113.11"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await GetAsync(app, "198.51.100.9", "203.0.113.12"));
    }

    [Fact]
    public async Task Configured_proxies_replace_loopback()
    {
        using var app = new OpenLerFactory(settings: PublicLimit(1, ("OpenLer:ForwardedHeaders:KnownNetworks", "10.0.0.0/24")));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(app, "10.0.0.2", "203.0.113.1"));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(app, "10.0.0.3", "203.0.113.2"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await GetAsync(app, "10.0.0.2", "203.0.113.1"));

        // Loopback is no longer trusted: its forwarded addresses all count as loopback.
        Assert.Equal(HttpStatusCode.OK, await GetAsync(app, "127.0.0.1", "203.0.113.5"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await GetAsync(app, "127.0.0.1", "203.0.113.6"));
    }

    [Fact]
    public async Task An_ipv6_client_is_limited_by_its_64_prefix()
    {
        using var app = new OpenLerFactory(settings: PublicLimit(2));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(app, "2001:db8:1:2::10", null));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(app, "2001:db8:1:2::11", null));
        Assert.Equal(HttpStatusCode.TooManyRequests, await GetAsync(app, "2001:db8:1:2:ffff::12", null));
        Assert.Equal(HttpStatusCode.OK, await GetAsync(app, "2001:db8:1:3::10", null));
    }

    [Fact]
    public async Task Production_over_plain_http_answers_a_translated_400_page_unless_a_known_proxy_says_https()
    {
        using var key = new TemporaryKeyFile();
        using var app = new OpenLerFactory(settings: key.ProductionSettings(), environment: "Production");
        var client = app.Client();
        async Task<HttpResponseMessage> SendAsync(string peer, string? proto, string path = "/", string language = "en")
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "http://localhost" + path);
            request.Headers.Add(TestClientAddress.Header, peer);
            request.Headers.AcceptLanguage.ParseAdd(language);
            if (proto is not null)
            {
                request.Headers.Add("X-Forwarded-Proto", proto);
            }

            return await client.SendAsync(request);
        }

        // Behind the local TLS proxy: every page works, Secure cookies included.
        var proxied = await SendAsync("127.0.0.1", "https", "/account/staff-sign-in");
        Assert.Equal(HttpStatusCode.OK, proxied.StatusCode);
        Assert.All(proxied.Headers.GetValues("Set-Cookie"), c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("127.0.0.1", "https")).StatusCode);

        // Plain http, or a stranger claiming https: a clear page, in the visitor's language.
        foreach (var (peer, proto) in new[] { ("127.0.0.1", (string?)null), ("198.51.100.9", "https") })
        {
            var refused = await SendAsync(peer, proto, "/account/staff-sign-in", "es");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var html = await refused.Content.ReadAsStringAsync();
            Assert.Contains("<h1>Este sitio solo funciona con HTTPS</h1>", html, StringComparison.Ordinal);
            Assert.Contains("<html lang=\"es\"", html, StringComparison.Ordinal);
            Assert.False(refused.Headers.Contains("Set-Cookie"));
        }

        // Load balancers probe over http.
        var health = await SendAsync("198.51.100.9", null, "/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ok", await health.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Development_still_answers_plain_http()
    {
        // appsettings.Development.json allows insecure cookies for the local demo on http://localhost.
        using var app = new OpenLerFactory(environment: "Development");
        Assert.Equal(HttpStatusCode.OK, (await app.Client().GetAsync("http://localhost/")).StatusCode);
    }
}
