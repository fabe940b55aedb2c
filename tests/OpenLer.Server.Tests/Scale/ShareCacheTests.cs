using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Features.Sharing;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Scale;

/// <summary>
/// The share page with its caches on (issue 14): a second view recalls the verification, and a revocation or key rotation
/// is seen at the very next view, on the instance that made it and on another instance on the same database; openings
/// are recorded by the background writer (saved by the time it is flushed or stopped); the app's counters move.
/// </summary>
public sealed class ShareCacheTests
{
    private const string Contact = "amina@scale.test";

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Revoked_credential_shows_revoked_on_the_next_view_with_caching_on(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        using var metrics = new MetricsRecorder(app.Services.GetRequiredService<IMeterFactory>());
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client());
        var issued = await Journey.IssueAsync(app, staff, "admin@acme.test", "Warehouse Basics", Contact);
        Assert.Equal(1, metrics.Sum("openler.credentials.issued"));
        var holder = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, holder, Contact);
        var link = await Journey.ShareAsync(holder);

        var employer = new WebSession(app.Client());
        Assert.NotNull((await employer.GetAsync(link)).QuerySelector("[data-verified=true]"));
        Assert.NotNull((await employer.GetAsync(link)).QuerySelector("[data-verified=true]"));
        Assert.Equal(1, metrics.Sum("openler.verifications", "outcome=verified", "where=share", "cached=False"));
        Assert.Equal(1, metrics.Sum("openler.verifications", "outcome=verified", "where=share", "cached=True"));
        Assert.Equal(2, metrics.Sum("openler.shares.opened"));

        var client = await staff.GetAsync(issued.ClientPath);
        await Journey.RevokeAsync(staff, client, "Issued to the wrong person");
        var page = await employer.GetAsync(link);
        Assert.NotNull(page.QuerySelector("[data-verified=false]"));
        Assert.Contains("revoked", page.QuerySelector("main")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, metrics.Sum("openler.verifications", "outcome=not-verified", "where=share"));

        // The openings reach the database through the background writer.
        await app.Services.GetRequiredService<ShareOpenLog>().FlushAsync();
        Assert.Equal(3, await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().ShareOpens.CountAsync()));
    }

    [Fact]
    public async Task A_stored_credential_changed_behind_the_apps_back_is_verified_again_not_recalled()
    {
        using var app = new OpenLerFactory(Db.Sqlite);
        using var metrics = new MetricsRecorder(app.Services.GetRequiredService<IMeterFactory>());
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client());
        await Journey.IssueAsync(app, staff, "admin@acme.test", "Warehouse Basics", Contact);
        var holder = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, holder, Contact);
        var link = await Journey.ShareAsync(holder);
        var employer = new WebSession(app.Client());
        Assert.NotNull((await employer.GetAsync(link)).QuerySelector("[data-verified=true]"));
        Assert.NotNull((await employer.GetAsync(link)).QuerySelector("[data-verified=true]"));
        Assert.Equal(1, metrics.Sum("openler.verifications", "outcome=verified", "where=share", "cached=True"));

        // Someone with write access to the database edits the credential's text (properly encrypted, so it reads back) and
        // nothing bumps the organization's stamp: the page must verify the new value, and its signature no longer holds.
        await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<AppDbContext>();
            var records = s.GetRequiredService<Features.Issuance.CaseRecords>();
            var credential = await db.Credentials.SingleAsync();
            var json = records.CredentialJson(credential);
            Assert.Contains("Warehouse Basics", json, StringComparison.Ordinal);
            records.SetCredentialJson(credential, json.Replace("Warehouse Basics", "Warehouse Manager", StringComparison.Ordinal));
            await db.SaveChangesAsync();
            return 0;
        });

        var page = await employer.GetAsync(link);
        Assert.Null(page.QuerySelector("[data-verified=true]"));
        Assert.NotNull(page.QuerySelector("[data-verified=false]"));
        Assert.Equal(1, metrics.Sum("openler.verifications", "outcome=verified", "where=share", "cached=True"));
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_revocation_through_one_instance_shows_on_the_other_instance_at_the_next_view(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        await using var deployment = SharedDeployment.Create(db);
        using var first = new OpenLerFactory(db, settings: deployment.Settings());
        _ = first.Services;
        using var second = new OpenLerFactory(db, settings: deployment.Settings());
        using var metrics = new MetricsRecorder(second.Services.GetRequiredService<IMeterFactory>());

        var org = await first.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(first.Client());
        var issued = await Journey.IssueAsync(first, staff, "admin@acme.test", "Warehouse Basics", Contact);
        var holder = new WebSession(first.Client());
        await Journey.SignInJobseekerAsync(first, holder, Contact);
        var link = await Journey.ShareAsync(holder);

        // The second instance verifies once, then recalls.
        var employer = new WebSession(second.Client());
        Assert.NotNull((await employer.GetAsync(link)).QuerySelector("[data-verified=true]"));
        Assert.NotNull((await employer.GetAsync(link)).QuerySelector("[data-verified=true]"));
        Assert.Equal(1, metrics.Sum("openler.verifications", "where=share", "cached=True"));

        // A key rotation on the first instance replaces the organization's stamp: the second verifies again (still genuine).
        var before = await StampAsync(second, org.Id);
        await first.WithScopeAsync(s => s.GetRequiredService<OrganizationKeys>().RotateAsync(org.Id));
        Assert.NotEqual(before, await StampAsync(second, org.Id));
        Assert.NotNull((await employer.GetAsync(link)).QuerySelector("[data-verified=true]"));
        Assert.Equal(2, metrics.Sum("openler.verifications", "where=share", "cached=False"));

        // Revoked through the first instance: the second instance's very next view says so.
        var client = await staff.GetAsync(issued.ClientPath);
        await Journey.RevokeAsync(staff, client, "Issued to the wrong person");
        var page = await employer.GetAsync(link);
        Assert.NotNull(page.QuerySelector("[data-verified=false]"));
        Assert.Contains("revoked", page.QuerySelector("main")!.TextContent, StringComparison.OrdinalIgnoreCase);

        // And stays revoked when recalled.
        page = await employer.GetAsync(link);
        Assert.NotNull(page.QuerySelector("[data-verified=false]"));
    }

    [Fact]
    public async Task Openings_still_queued_are_saved_when_the_app_stops()
    {
        using var app = new OpenLerFactory(Db.Sqlite);
        var log = app.Services.GetRequiredService<ShareOpenLog>();
        var shareId = Guid.NewGuid();
        for (var i = 0; i < ShareOpenLog.BatchSize + 7; i++)
        {
            Assert.True(log.Record(shareId, DateTime.UtcNow));
        }

        await log.StopAsync(CancellationToken.None);
        Assert.Equal(ShareOpenLog.BatchSize + 7, await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().ShareOpens.CountAsync(o => o.ShareId == shareId)));
        Assert.False(log.Record(shareId, DateTime.UtcNow));
    }

    [Fact]
    public async Task A_stopped_or_unknown_link_records_no_opening()
    {
        using var app = new OpenLerFactory(Db.Sqlite);
        var response = await app.Client().GetAsync("/s/" + new string('A', 43));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await app.Services.GetRequiredService<ShareOpenLog>().FlushAsync();
        Assert.Equal(0, await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().ShareOpens.CountAsync()));
    }

    private static Task<long> StampAsync(OpenLerFactory app, Guid organizationId) =>
        app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Organizations.AsNoTracking().Where(o => o.Id == organizationId).Select(o => o.Stamp).SingleAsync());
}
