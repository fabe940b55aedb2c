using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests;

/// <summary>A canary: after the whole journey, no sign-in code, share token, password, contact or name appears in any log line.</summary>
public sealed class LogCanaryTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Logs_hold_no_codes_tokens_or_personal_data(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", JourneyTests.Contact);
        var holder = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, holder, JourneyTests.Contact);
        var link = await Journey.ShareAsync(holder);
        await new WebSession(app.Client()).GetAsync(link);
        await new WebSession(app.Client()).GetAsync("/s/not-a-real-token-canary", System.Net.HttpStatusCode.NotFound);

        var codes = app.Messages.All.Where(m => m.Kind is "code" or "invitation").Select(m => m.Code).ToList();
        var token = link[(link.LastIndexOf('/') + 1)..];
        string[] secrets = [.. codes, token, "not-a-real-token-canary", "Test-password-1", JourneyTests.Contact, "Amina", "Yusuf"];
        var logs = app.Logs.ToArray();
        Assert.NotEmpty(logs);
        Assert.Contains(logs, l => l.Contains("Issued credential", StringComparison.Ordinal));
        foreach (var secret in secrets)
        {
            var leak = logs.FirstOrDefault(l => l.Contains(secret, StringComparison.OrdinalIgnoreCase));
            Assert.True(leak is null, $"A log line holds a secret or personal data: {leak}");
        }
    }
}
