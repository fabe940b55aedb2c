using System.Diagnostics;
using System.Text.Json.Nodes;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Scratch;

public class MeasureTests(ITestOutputHelper output)
{
    public static string Heavy(int n, bool blank)
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var did = key.PublicKey.ToDidKey();
        var unsigned = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"),
            ["id"] = "urn:uuid:" + Guid.NewGuid(),
            ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
            ["name"] = "x",
            ["issuer"] = new JsonObject { ["id"] = did, ["type"] = new JsonArray("Profile"), ["name"] = "Someone" },
            ["validFrom"] = "2026-01-15T00:00:00Z",
            ["credentialSubject"] = new JsonObject
            {
                ["type"] = new JsonArray("AchievementSubject"),
                ["achievement"] = new JsonObject { ["id"] = "https://x.example/a", ["type"] = new JsonArray("Achievement"), ["name"] = "A", ["description"] = "d", ["criteria"] = new JsonObject { ["narrative"] = "n" } },
            },
        };
        var evidence = new JsonArray();
        for (var i = 0; i < n; i++)
        {
            var e = new JsonObject { ["type"] = new JsonArray("Evidence"), ["name"] = $"Evidence number {i} of many", ["narrative"] = "The person showed this skill at the warehouse on many days." };
            if (!blank) e["id"] = $"https://example.org/evidence/{i}";
            evidence.Add(e);
        }
        unsigned["evidence"] = evidence;
        var signer = new DataIntegritySigner(Cryptosuites.Default, TimeProvider.System);
        var signed = signer.Sign(unsigned, key, new ProofOptions { Cryptosuite = "eddsa-rdfc-2022", VerificationMethod = did + "#" + key.PublicKey.ToMultibase() }).Value;
        return StrictJson.Serialize(signed);
    }

    [Theory]
    [InlineData(3000, false)]
    [InlineData(4500, true)]
    public async Task Measure(int n, bool blank)
    {
        using var app = new OpenLerFactory();
        var json = Heavy(n, blank);
        for (var round = 0; round < 3; round++)
        {
            var watch = Stopwatch.StartNew();
            var response = await app.Client().PostAsync("/api/verify", new StringContent(json));
            output.WriteLine($"api n={n} bytes={json.Length} {response.StatusCode} {watch.Elapsed.TotalMilliseconds:0} ms {(await response.Content.ReadAsStringAsync())[..200]}");
        }
        var visitor = new WebSession(app.Client());
        for (var round = 0; round < 2; round++)
        {
            var page = await visitor.GetAsync("/verify");
            var watch = Stopwatch.StartNew();
            await visitor.SubmitAsync(page, "main form", new Dictionary<string, string> { ["credential"] = json });
            output.WriteLine($"page n={n} {watch.Elapsed.TotalMilliseconds:0} ms");
        }
    }
}
public class DebugTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Upload()
    {
        using var app = new OpenLerFactory();
        var visitor = new WebSession(app.Client());
        var page = await visitor.GetAsync("/verify");
        var token = page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(new byte[3 * 1024 * 1024]), "file", "big.json" },
        };
        var r1 = await visitor.Client.GetAsync("/error/413");
        output.WriteLine("GET " + r1.StatusCode + " " + System.Text.RegularExpressions.Regex.Match(await r1.Content.ReadAsStringAsync(), "<h1>.*</h1>").Value);
        var r2 = await visitor.Client.PostAsync("/error/413", new FormUrlEncodedContent([new("a", "b")]));
        output.WriteLine("POST " + r2.StatusCode + " " + System.Text.RegularExpressions.Regex.Match(await r2.Content.ReadAsStringAsync(), "<h1>.*</h1>").Value);
        var response = await visitor.Client.PostAsync("/verify", content);
        output.WriteLine("CL " + content.Headers.ContentLength + " " + response.StatusCode + " " + System.Text.RegularExpressions.Regex.Match(await response.Content.ReadAsStringAsync(), "<h1>.*</h1>").Value);
        using var small = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(new byte[3 * 1024]), "file", "big.json" },
        };
        var r3 = await visitor.Client.PostAsync("/error/413", small);
        output.WriteLine("POST multipart " + r3.StatusCode + " " + System.Text.RegularExpressions.Regex.Match(await r3.Content.ReadAsStringAsync(), "<h1>.*</h1>").Value);
        foreach (var l in app.Logs) output.WriteLine(l);
    }
}
public class Debug2Tests(ITestOutputHelper output)
{
    [Fact]
    public void Meta()
    {
        using var app = new OpenLerFactory();
        _ = app.Client();
        var endpoints = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>(app.Services).Endpoints;
        foreach (var e in endpoints)
        {
            output.WriteLine(e.DisplayName + " :: " + string.Join(", ", e.Metadata.Select(m => m.GetType().Name + (m is Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute r ? "(" + r.PolicyName + ")" : ""))));
        }
        var opts = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>>(app.Services).Value;
        output.WriteLine("conventions " + opts.Conventions.Count + " root " + opts.RootDirectory);
    }
}
public class Debug3Tests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("a\u0007b")]
    [InlineData("a\u0000b")]
    [InlineData("a\u202Eb")]
    public async Task Nul(string value)
    {
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", JourneyTests.Contact);
        var holder = new WebSession(app.Client());
        var wallet = await Journey.SignInJobseekerAsync(app, holder, JourneyTests.Contact);
        var token = wallet.QuerySelector("main form[method=post] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var r = await holder.Client.PostAsync("/wallet", new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new StringContent(value), "description" }, { new StringContent("work"), "kind" } });
        output.WriteLine(r.StatusCode + " " + string.Join(" | ", app.Logs.Where(l => l.StartsWith("Warning", StringComparison.Ordinal) || l.StartsWith("Error", StringComparison.Ordinal) || l.Contains("Antiforgery")).Select(l => l[..Math.Min(300, l.Length)])));
    }
}
public class Debug4Tests(ITestOutputHelper output)
{
    [Fact]
    public async Task Xml()
    {
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var rows = await app.WithScopeAsync(s => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<OpenLer.Server.Data.AppDbContext>(s).DataProtectionKeys));
        foreach (var r in rows) output.WriteLine(r.FriendlyName + "\n" + r.Xml);
    }
}
