using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Server.Infrastructure.Security;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Security;

/// <summary>
/// Issue 9 finding 3 (no per-address limit) and 7 (verify has no rate limit): every policy answers 429 with Retry-After
/// once its address has used its permits, as a translated page or problem+json; other addresses are not affected.
/// </summary>
public sealed class RateLimitTests(ITestOutputHelper output)
{
    private const string Attacker = "203.0.113.7";
    private const string Employer = "198.51.100.20";

    private static Dictionary<string, string?> Limit(string policy, int permits) => new()
    {
        [$"{RateLimitSettings.Section}:{policy}:Permits"] = permits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [$"{RateLimitSettings.Section}:{policy}:WindowSeconds"] = "3600",
    };

    [Fact]
    public async Task A_burst_of_200_verify_requests_from_one_address_gets_429s_while_another_clients_share_page_answers()
    {
        // Default limits, as deployed.
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", JourneyTests.Contact);
        var holder = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, holder, JourneyTests.Contact);
        var share = await Journey.ShareAsync(holder);
        var employer = app.Client(Employer);
        var baseline = new List<double>();
        for (var i = 0; i < 6; i++)
        {
            var watch = Stopwatch.StartNew();
            Assert.Equal(HttpStatusCode.OK, (await employer.GetAsync(share)).StatusCode);
            baseline.Add(watch.Elapsed.TotalMilliseconds);
        }

        // Finding 7's shape: a foreign credential with many anonymous evidence entries (within the budget's array limit).
        var heavy = ForeignCredentials.OpenBadge(evidence: 900);
        var attacker = app.Client(Attacker);
        using var gate = new SemaphoreSlim(16);
        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        var burst = Task.WhenAll(Enumerable.Range(0, 200).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                using var body = new StringContent(heavy);
                statuses.Add((await attacker.PostAsync("/api/verify", body)).StatusCode);
            }
            finally
            {
                gate.Release();
            }
        }));

        // The employer opens the page at a person's pace (its own address has 60 opens a minute; the 6 above count too).
        var latencies = new List<double>();
        do
        {
            var watch = Stopwatch.StartNew();
            var response = await employer.GetAsync(share);
            latencies.Add(watch.Elapsed.TotalMilliseconds);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await Task.WhenAny(burst, Task.Delay(100, TestContext.Current.CancellationToken));
        }
        while (!burst.IsCompleted && latencies.Count < 40);

        await burst;
        var counts = statuses.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine("verify burst: " + string.Join(", ", counts.Select(c => $"{(int)c.Key}×{c.Value}")));
        latencies.Sort();
        baseline = [.. baseline.Skip(1).Order()];
        output.WriteLine($"share page of another client before the burst: median {baseline[baseline.Count / 2]:0} ms (first open excluded)");
        output.WriteLine($"share page of another client during the burst: {latencies.Count} opens, median {latencies[latencies.Count / 2]:0} ms, max {latencies[^1]:0} ms");

        Assert.True(counts.GetValueOrDefault(HttpStatusCode.TooManyRequests) >= 150, "most of the burst is refused");
        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.ServiceUnavailable }));
        Assert.InRange(counts.GetValueOrDefault(HttpStatusCode.OK) + counts.GetValueOrDefault(HttpStatusCode.ServiceUnavailable), 1, new RateLimitSettings().Verify.Permits + 2);
    }

    public static TheoryData<string, string, string> Policies => new()
    {
        { nameof(RateLimitSettings.Verify), "POST", "/verify" },
        { nameof(RateLimitSettings.Verify), "POST", "/api/verify" },
        { nameof(RateLimitSettings.ShareOpen), "GET", "/s/" + new string('A', 43) },
        { nameof(RateLimitSettings.CodeRequest), "POST", "/account/sign-in" },
        { nameof(RateLimitSettings.CodeAttempt), "POST", "/account/code" },
        { nameof(RateLimitSettings.CodeAttempt), "POST", "/account/join" },
        { nameof(RateLimitSettings.PasswordAttempt), "POST", "/account/staff-2fa" },
        { nameof(RateLimitSettings.PasswordAttempt), "POST", "/account/staff-sign-in" },
        { nameof(RateLimitSettings.Report), "GET", "/api/reports/funnel" },
        { nameof(RateLimitSettings.Public), "GET", "/a-page-that-does-not-exist-yet" },
        { nameof(RateLimitSettings.Public), "GET", "/" },
    };

    [Theory]
    [MemberData(nameof(Policies))]
    public async Task Each_policy_answers_429_with_retry_after_and_other_addresses_are_not_affected(string policy, string method, string path)
    {
        using var app = new OpenLerFactory(settings: Limit(policy, 3));
        var client = app.Client(Attacker);
        Task<HttpResponseMessage> Send(HttpClient c, string language = "en")
        {
            var request = new HttpRequestMessage(new HttpMethod(method), path);
            request.Headers.AcceptLanguage.ParseAdd(language);
            if (method == "POST")
            {
                request.Content = new FormUrlEncodedContent([new("contact", "someone@example.org")]);
            }

            return c.SendAsync(request);
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await Send(client)).StatusCode);
        }

        var refused = await Send(client, "es");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        var body = await refused.Content.ReadAsStringAsync();
        if (path.StartsWith("/api/", StringComparison.Ordinal))
        {
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
            Assert.Equal(429, (int)JsonNode.Parse(body)!["status"]!);
        }
        else
        {
            Assert.Contains("<h1>Demasiadas solicitudes</h1>", body, StringComparison.Ordinal);
            Assert.Contains("no-store", refused.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        }

        // Another client is not affected.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await Send(app.Client(Employer))).StatusCode);
    }

    [Fact]
    public async Task Showing_a_form_is_not_counted_against_its_stricter_policy()
    {
        using var app = new OpenLerFactory(settings: Limit(nameof(RateLimitSettings.Verify), 2));
        var client = app.Client(Attacker);
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/verify")).StatusCode);
        }
    }

    [Fact]
    public async Task Signed_in_staff_are_limited_per_account_not_by_the_public_limit_of_their_address()
    {
        var settings = Limit(nameof(RateLimitSettings.Public), 6);
        using var app = new OpenLerFactory(settings: settings);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client(Attacker));
        await Journey.SignInStaffAsync(app, staff, "admin@acme.test");
        for (var i = 0; i < 20; i++)
        {
            await staff.GetAsync("/issuance");
        }

        // The same address without the staff cookie has used up its public permits.
        var anonymous = app.Client(Attacker);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await anonymous.GetAsync("/")).StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    [Fact]
    public async Task The_account_pages_that_get_a_stricter_policy_by_convention_exist_and_carry_it()
    {
        using var app = new OpenLerFactory();
        _ = app.Client();
        var pages = app.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items.OfType<PageActionDescriptor>().ToList();
        var endpoints = app.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints;
        foreach (var (page, policy) in RateLimiting.PagePolicies)
        {
            Assert.Contains(pages, p => p.ViewEnginePath == page);
            var endpoint = Assert.Single(endpoints, e => e.DisplayName == page);
            Assert.Equal(policy, endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>()?.PolicyName);
        }

        await Task.CompletedTask;
    }

    [Fact]
    public void Token_buckets_refill_evenly_and_never_faster_than_configured()
    {
        var slow = new RateLimitRule(20, 600).ToTokenBucket();
        Assert.Equal(20, slow.TokenLimit);
        Assert.Equal(TimeSpan.FromSeconds(30), slow.ReplenishmentPeriod);
        Assert.Equal(1, slow.TokensPerPeriod);
        var fast = new RateLimitRule(300, 60).ToTokenBucket();
        Assert.Equal(TimeSpan.FromSeconds(1), fast.ReplenishmentPeriod);
        Assert.Equal(5, fast.TokensPerPeriod);
    }
}
