using System.Net;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Scale;

/// <summary>Liveness answers while the process runs; readiness only while the database is reachable and migrated.</summary>
public sealed class HealthTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Live_and_ready_answer_healthy_on_a_migrated_database(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        var client = app.Client();
        foreach (var path in new[] { "/health/live", "/health/ready" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Ready_fails_and_live_still_answers_when_the_database_is_gone()
    {
        OpenLerFactory.SkipUnlessAvailable(Db.Postgres);
        await using var deployment = SharedDeployment.Create(Db.Postgres);
        using var app = new OpenLerFactory(Db.Postgres, settings: deployment.Settings());
        var client = app.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        await deployment.DropAsync();
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }
}
