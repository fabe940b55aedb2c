using System.Net;
using System.Text;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Security;

/// <summary>
/// Issue 9 hardening list and SECURITY.md WA-08, WA-12: the response headers of a snapshot of routes (public, staff,
/// wallet, share, download, API, errors, machine documents); HSTS in Production; AllowedHosts.
/// </summary>
public sealed class HeaderTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_route_sends_the_security_headers_no_store_where_personal_and_noindex_on_share_pages()
    {
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client());
        var issued = await Journey.IssueAsync(app, staff, "admin@acme.test", "Warehouse Basics", JourneyTests.Contact);
        var holder = new WebSession(app.Client());
        var wallet = await Journey.SignInJobseekerAsync(app, holder, JourneyTests.Contact);
        var detail = wallet.QuerySelector(".cards .card a")!.GetAttribute("href")!;
        var share = await Journey.ShareAsync(holder);
        var anonymous = app.Client();

        var routes = new List<(string Name, HttpClient Client, string Path, bool Share, bool Cacheable)>
        {
            ("start", anonymous, "/", false, false),
            ("verify page", anonymous, "/verify", false, false),
            ("jobseeker sign-in", anonymous, "/account/sign-in", false, false),
            ("staff sign-in", anonymous, "/account/staff-sign-in", false, false),
            ("about", anonymous, "/about", false, false),
            ("unknown page (404)", anonymous, "/no-such-page", false, false),
            ("health", anonymous, "/healthz", false, false),
            ("share page", anonymous, share, true, false),
            ("unknown share link (404)", anonymous, "/s/" + new string('A', 43), true, false),
            ("status list", anonymous, "/orgs/acme/status/revocation/1", false, true),
            ("caseload (staff)", staff.Client, "/issuance", false, false),
            ("client (staff)", staff.Client, issued.ClientPath, false, false),
            ("programs (staff)", staff.Client, "/programs", false, false),
            ("organization (staff admin)", staff.Client, "/organization", false, false),
            ("wallet", holder.Client, "/wallet", false, false),
            ("credential", holder.Client, detail, false, false),
            ("credential download", holder.Client, detail + "?handler=download", false, false),
            ("sharing", holder.Client, "/sharing", false, false),
        };

        var snapshot = new StringBuilder();
        foreach (var (name, client, path, isShare, cacheable) in routes)
        {
            var response = await client.GetAsync(path);
            Assert.True((int)response.StatusCode < 500, $"{name}: {response.StatusCode}");
            Check(name, response, isShare, cacheable, snapshot);
        }

        using (var content = new StringContent("{}"))
        {
            Check("verify API", await anonymous.PostAsync("/api/verify", content), false, false, snapshot);
        }

        output.WriteLine(snapshot.ToString());
    }

    private static void Check(string name, HttpResponseMessage response, bool isShare, bool cacheable, StringBuilder snapshot)
    {
        string? Header(string header) => response.Headers.TryGetValues(header, out var values) || response.Content.Headers.TryGetValues(header, out values)
            ? string.Join(", ", values)
            : null;

        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Header("Content-Security-Policy"));
        Assert.Equal("nosniff", Header("X-Content-Type-Options"));
        Assert.Equal("DENY", Header("X-Frame-Options"));
        Assert.Equal("no-referrer", Header("Referrer-Policy"));
        if (cacheable)
        {
            Assert.DoesNotContain("no-store", Header("Cache-Control") ?? "", StringComparison.Ordinal);
        }
        else
        {
            Assert.True(Header("Cache-Control")?.Contains("no-store", StringComparison.Ordinal) == true, $"{name}: Cache-Control {Header("Cache-Control")}");
        }

        Assert.True(isShare == (Header("X-Robots-Tag") == "noindex, nofollow"), $"{name}: X-Robots-Tag {Header("X-Robots-Tag")}");
        snapshot.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"{name,-28} {(int)response.StatusCode} cache={Header("Cache-Control") ?? "-"} robots={Header("X-Robots-Tag") ?? "-"} csp=ok nosniff frame=DENY referrer=no-referrer");
    }

    [Fact]
    public async Task Production_sends_hsts_for_a_year_with_subdomains_over_https()
    {
        using var key = new TemporaryKeyFile();
        using var app = new OpenLerFactory(settings: key.ProductionSettings(), environment: "Production");
        var client = app.Client();
        client.BaseAddress = new Uri("https://ler.example.org");
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000; includeSubDomains", response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task With_a_public_host_only_that_host_is_served()
    {
        using var app = new OpenLerFactory(settings: new Dictionary<string, string?> { ["OpenLer:PublicHost"] = "ler.example.org:8443" });
        var client = app.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("https://ler.example.org:8443/")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("https://attacker.example/")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("https://localhost/")).StatusCode);
    }

    [Fact]
    public async Task Allowed_hosts_from_configuration_win_over_the_public_host()
    {
        using var app = new OpenLerFactory(settings: new Dictionary<string, string?>
        {
            ["OpenLer:PublicHost"] = "ler.example.org",
            ["AllowedHosts"] = "ler.example.org;internal.example",
        });
        var client = app.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("https://internal.example/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("https://other.example/healthz")).StatusCode);
    }
}
