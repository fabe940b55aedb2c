using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;
using OpenLer.Server.Infrastructure.Security;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Security;

/// <summary>
/// Issue 9 finding 7: a user-supplied credential is verified within a budget. Too large, too many values or too long an
/// array answers 413 before any JSON-LD work; a verification past its time budget, or with no free slot, answers 503.
/// On the Verify page as a translated page, on <c>POST /api/verify</c> as problem+json.
/// </summary>
public sealed class VerificationBudgetTests
{
    private static async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> ApiAsync(OpenLerFactory app, string credential)
    {
        using var content = new StringContent(credential);
        var response = await app.Client().PostAsync("/api/verify", content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null, response);
    }

    private static async Task<(HttpStatusCode Status, string Heading, HttpResponseMessage Response)> PageAsync(OpenLerFactory app, string credential)
    {
        var visitor = new WebSession(app.Client());
        var page = await visitor.GetAsync("/verify");
        var token = page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await visitor.Client.PostAsync("/verify", new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("credential", credential)]));
        var html = await response.Content.ReadAsStringAsync();
        var heading = System.Text.RegularExpressions.Regex.Match(html, "<h1>(.*?)</h1>").Groups[1].Value;
        return (response.StatusCode, heading, response);
    }

    private static string Evidence(int entries) => ForeignCredentials.OpenBadge(evidence: entries, suite: "eddsa-jcs-2022");

    [Fact]
    public async Task A_credential_within_the_budget_verifies_as_before()
    {
        using var app = new OpenLerFactory();
        var (status, body, _) = await ApiAsync(app, Evidence(50));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Passed", (string?)body!["checks"]!.AsArray().First(c => (string?)c!["name"] == "proof")!["status"]);
    }

    [Fact]
    public async Task Larger_than_the_size_limit_answers_413_before_verifying()
    {
        using var app = new OpenLerFactory();
        var credential = JsonNode.Parse(Evidence(1))!.AsObject();
        credential["description"] = new string('x', JsonLimits.DefaultMaxBytes + 10);
        var json = StrictJson.Serialize(credential);

        var (status, body, _) = await ApiAsync(app, json);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal(413, (int)body!["status"]!);
        Assert.Contains("larger than the limit", (string?)body["detail"], StringComparison.Ordinal);

        // On the page, pasted text over the field's maxlength is a field that is too long (400, like every form field)...
        var (pageStatus, heading, _) = await PageAsync(app, json);
        Assert.Equal(HttpStatusCode.BadRequest, pageStatus);
        Assert.Equal("A field is too long", heading);

        // ...a file over the limit is a credential too large to check, and so is text within maxlength whose UTF-8 is over it.
        var visitor = new WebSession(app.Client());
        var form = await visitor.GetAsync("/verify");
        var token = form.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(json), "file", "credential.json" },
        };
        var uploaded = await visitor.Client.PostAsync("/verify", upload);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, uploaded.StatusCode);
        Assert.Contains("<h1>The credential is too large to check</h1>", await uploaded.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // 530,000 Arabic letters: within maxlength, 1.06 MB of UTF-8 (sent as multipart, which keeps the bytes as they are).
        var arabic = JsonNode.Parse(Evidence(1))!.AsObject();
        arabic["description"] = new string('ع', 530_000);
        using var pasted = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(StrictJson.Serialize(arabic)), "credential" },
        };
        var tooManyBytes = await visitor.Client.PostAsync("/verify", pasted);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooManyBytes.StatusCode);
        Assert.Contains("<h1>The credential is too large to check</h1>", await tooManyBytes.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_array_longer_than_the_limit_answers_413()
    {
        // Finding 7's credential: thousands of evidence entries.
        using var app = new OpenLerFactory();
        var (status, body, _) = await ApiAsync(app, Evidence(new VerificationBudgetOptions().MaxArrayLength + 1));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("array has more than", (string?)body!["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_values_than_the_node_limit_answer_413_on_the_page_and_the_api()
    {
        using var app = new OpenLerFactory();
        var credential = JsonNode.Parse(Evidence(1))!.AsObject();

        // 30 arrays of 800 numbers: every array within its limit, 24,000 values in all.
        credential["credentialSubject"]!["results"] = new JsonArray([.. Enumerable.Range(0, 30).Select(_ => (JsonNode)new JsonArray([.. Enumerable.Range(0, 800).Select(i => (JsonNode)i)]))]);
        var json = StrictJson.Serialize(credential);

        var (status, body, _) = await ApiAsync(app, json);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("more than 20000 values", (string?)body!["detail"], StringComparison.Ordinal);
        var (pageStatus, heading, _) = await PageAsync(app, json);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, pageStatus);
        Assert.Equal("The credential is too large to check", heading);
    }

    [Fact]
    public async Task A_jwt_whose_payload_is_over_the_limits_answers_413()
    {
        using var app = new OpenLerFactory();
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var did = key.PublicKey.ToDidKey();
        var payload = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiableCredential"),
            ["issuer"] = did,
            ["credentialSubject"] = new JsonObject { ["items"] = new JsonArray([.. Enumerable.Range(0, 1500).Select(i => (JsonNode)i)]) },
        };
        var jwt = OpenLer.Credentials.Jose.VcJose.Secure(payload, key, did + "#" + key.PublicKey.ToMultibase());

        var (status, body, _) = await ApiAsync(app, jwt);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("array has more than", (string?)body!["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_verification_past_its_time_budget_is_cancelled_and_answers_503()
    {
        using var app = new OpenLerFactory(settings: new Dictionary<string, string?> { ["OpenLer:Verification:TimeBudgetMilliseconds"] = "1" });
        var heavy = ForeignCredentials.OpenBadge(evidence: 900);

        var (status, body, _) = await ApiAsync(app, heavy);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("took longer than", (string?)body!["detail"], StringComparison.Ordinal);

        var (pageStatus, heading, _) = await PageAsync(app, heavy);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, pageStatus);
        Assert.Equal("Checking the credential took too long", heading);
        Assert.Contains(app.Logs, l => l.Contains("Verification refused by its budget: TIME_BUDGET", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_every_slot_taken_and_no_queue_a_verification_answers_503_with_retry_after()
    {
        using var app = new OpenLerFactory(settings: new Dictionary<string, string?>
        {
            ["OpenLer:Verification:MaxConcurrent"] = "1",
            ["OpenLer:Verification:QueueLimit"] = "0",
        });
        var budget = app.Services.GetRequiredService<VerificationBudget>();
        Assert.Equal(1, budget.MaxConcurrent);
        var credential = Evidence(5);

        var held = await budget.AcquireAsync(TestContext.Current.CancellationToken);
        Assert.NotNull(held);
        using (held)
        {
            var (status, body, response) = await ApiAsync(app, credential);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("The service is busy", (string?)body!["title"]);
            Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);

            var (pageStatus, heading, pageResponse) = await PageAsync(app, credential);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, pageStatus);
            Assert.Equal("The service is busy", heading);
            Assert.True(pageResponse.Headers.Contains("Retry-After"));
        }

        Assert.Equal(HttpStatusCode.OK, (await ApiAsync(app, credential)).Status);
    }

    [Fact]
    public async Task A_queued_verification_that_waits_too_long_answers_503()
    {
        using var app = new OpenLerFactory(settings: new Dictionary<string, string?>
        {
            ["OpenLer:Verification:MaxConcurrent"] = "1",
            ["OpenLer:Verification:QueueLimit"] = "2",
            ["OpenLer:Verification:QueueTimeoutMilliseconds"] = "200",
        });
        var budget = app.Services.GetRequiredService<VerificationBudget>();
        using var held = await budget.AcquireAsync(TestContext.Current.CancellationToken);
        Assert.NotNull(held);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await ApiAsync(app, Evidence(5))).Status);
    }

    [Fact]
    public void Concurrency_defaults_to_one_less_than_the_processors_and_at_least_one()
    {
        Assert.Equal(Math.Max(1, Environment.ProcessorCount - 1), new VerificationBudgetOptions().EffectiveConcurrency);
        Assert.Equal(3, new VerificationBudgetOptions { MaxConcurrent = 3 }.EffectiveConcurrency);
    }

    [Fact]
    public void The_precheck_refuses_only_size_and_shape_and_leaves_syntax_errors_to_the_verifier()
    {
        using var app = new OpenLerFactory();
        _ = app.Client();
        var budget = app.Services.GetRequiredService<VerificationBudget>();
        Assert.Null(budget.Precheck("{not json"));
        Assert.Null(budget.Precheck("eyJhbGciOiJFZERTQSJ9.e30.c2ln"));
        Assert.Equal(ErrorCodes.ArrayTooLong, budget.Precheck("{\"a\":[" + string.Join(",", Enumerable.Repeat("1", 1001)) + "]}")!.Code);
        Assert.Equal(ErrorCodes.DocumentTooLarge, budget.Precheck(new string(' ', JsonLimits.DefaultMaxBytes + 1))!.Code);

        // UTF-8 bytes count, not characters: 600,000 Arabic letters are 1.2 MB.
        Assert.Equal(ErrorCodes.DocumentTooLarge, budget.Precheck("{\"name\":\"" + new string('ع', 600_000) + "\"}")!.Code);
    }
}
