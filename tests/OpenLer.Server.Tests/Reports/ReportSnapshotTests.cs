using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Reports;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Reports;

/// <summary>
/// The report's snapshot (docs/adr/pilot-reporting.md): a change to the funnel's tables is seen at once when the snapshot
/// is quick to build; when it is slow (a large organization) the reader gets the last figures with their time and a
/// notice, while one rebuild runs in the background; a change no count shows (a client moved to another site) is seen
/// once the snapshot is an hour old. The snapshot holds counts and durations only.
/// </summary>
public sealed class ReportSnapshotTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Snapshot_FollowsChanges_QuickOnesWhileTheReaderWaits_SlowOnesInTheBackground(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        var org = await app.CreateOrganizationAsync("pilot", "admin@pilot.test", "Test-password-1", "North", "South", "East");
        await PilotScenario.SeedAsync(app, org);

        var first = await ReportAsync(app, org.Id);
        Assert.Equal((17L, false), (first.Total.Counts[0].Value, first.Updating));

        // Quick to build: a new enrollment is in the next report.
        await EnrollAgainAsync(app, org.Id);
        var second = await ReportAsync(app, org.Id);
        Assert.Equal((18L, false), (second.Total.Counts[0].Value, second.Updating));

        // Slow to build (as for 200,000 credentials): the last figures at once, with their time and "updating"...
        var builtAt = await SnapshotAsync(app, org.Id, s => s.ExecuteUpdateAsync(u => u.SetProperty(x => x.BuildMilliseconds, 60_000)));
        await EnrollAgainAsync(app, org.Id);
        var stale = await ReportAsync(app, org.Id);
        Assert.Equal((18L, true, builtAt), (stale.Total.Counts[0].Value, stale.Updating, stale.AsOf));

        // ...and the rebuild in the background brings the new figures.
        var refresher = app.Services.GetRequiredService<ReportRefresher>();
        if (refresher.Running(org.Id) is { } running)
        {
            await running.WaitAsync(TimeSpan.FromMinutes(2));
        }

        var fresh = await ReportAsync(app, org.Id);
        Assert.Equal((19L, false), (fresh.Total.Counts[0].Value, fresh.Updating));
        Assert.True(fresh.AsOf >= builtAt);

        // A client moved from North to South changes no count the fingerprint reads: seen once the snapshot is an hour old.
        var sites = await app.WithScopeAsync(s => Task.FromResult(s.GetRequiredService<AppDbContext>().Sites.Where(x => x.OrganizationId == org.Id).ToDictionary(x => x.Name, x => x.Id)));
        var northBefore = await SiteTotalAsync(app, org.Id, sites["North"]);
        await app.WithScopeAsync(async s =>
        {
            var data = s.GetRequiredService<AppDbContext>();
            var client = await data.Set<Features.Issuance.Client>().Where(c => c.OrganizationId == org.Id && c.SiteId == sites["North"]).OrderBy(c => c.Id).FirstAsync();
            client.SiteId = sites["South"];
            return await data.SaveChangesAsync();
        });
        Assert.Equal(northBefore, await SiteTotalAsync(app, org.Id, sites["North"]));
        await SnapshotAsync(app, org.Id, s => s.ExecuteUpdateAsync(u => u.SetProperty(x => x.BuiltAt, x => x.BuiltAt.AddHours(-2))));
        Assert.True(await SiteTotalAsync(app, org.Id, sites["North"]) < northBefore);

        // Counts and durations only: no label, name or contact.
        var snapshot = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<ReportSnapshot>().AsNoTracking().SingleAsync(x => x.OrganizationId == org.Id));
        Assert.DoesNotContain("North", snapshot.Data, StringComparison.Ordinal);
        Assert.DoesNotContain("Welding", snapshot.Data, StringComparison.Ordinal);
        Assert.DoesNotContain("@", snapshot.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_SaysWhenTheFiguresAreFromAndWhenNewerOnesAreBeingPrepared()
    {
        using var app = new OpenLerFactory(Db.Sqlite);
        var org = await app.CreateOrganizationAsync("pilot", "admin@pilot.test", "Test-password-1", "North", "South", "East");
        await PilotScenario.SeedAsync(app, org);
        var admin = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, admin, "admin@pilot.test");

        var page = await admin.GetAsync("/organization/report?by=site");
        var asOf = page.QuerySelector("#report-as-of")!.TextContent;
        Assert.StartsWith("Figures as of ", asOf.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("Newer figures", asOf, StringComparison.Ordinal);

        await SnapshotAsync(app, org.Id, s => s.ExecuteUpdateAsync(u => u.SetProperty(x => x.BuildMilliseconds, 60_000)));
        await EnrollAgainAsync(app, org.Id);
        page = await admin.GetAsync("/organization/report?by=site");
        Assert.Contains("Newer figures are being prepared: reload this page in a minute.", page.QuerySelector("#report-as-of")!.TextContent, StringComparison.Ordinal);
        if (app.Services.GetRequiredService<ReportRefresher>().Running(org.Id) is { } running)
        {
            await running.WaitAsync(TimeSpan.FromMinutes(2));
        }
    }

    /// <summary>
    /// A large organization with no snapshot yet (here "large" is 10 enrollments; the scenario has 17), its first build
    /// held by the test: the page answers at once that the report is being prepared, the CSV link leads back to it, the
    /// funder gets 503 with Retry-After; once the background build is done, all three give the report.
    /// </summary>
    [Fact]
    public async Task FirstReportOfALargeOrganization_IsPreparedInTheBackground_NobodyWaits()
    {
        var hold = new HoldFunnelRows();
        using var app = new OpenLerFactory(Db.Sqlite, settings: new Dictionary<string, string?> { [ReportSnapshots.LargeOrganizationKey] = "10" },
            configure: services => services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(hold));
        var org = await app.CreateOrganizationAsync("pilot", "admin@pilot.test", "Test-password-1", "North", "South", "East");
        await PilotScenario.SeedAsync(app, org);
        var admin = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, admin, "admin@pilot.test");
        var (_, secret) = (await app.WithScopeAsync(s => s.GetRequiredService<ReportKeys>().CreateAsync(org.Id, "Funder", null)))!.Value;
        var api = app.Client();
        api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);

        var page = await admin.GetAsync("/organization/report?by=site");
        Assert.Equal("The report is being prepared. Reload this page in a minute.", page.QuerySelector("#report-preparing")?.TextContent);
        Assert.Null(page.QuerySelector("#groups-table"));
        await admin.GetAsync("/organization/report?handler=Csv&by=site", System.Net.HttpStatusCode.Redirect);
        Assert.Equal("/organization/report?by=site", admin.Last!.Headers.Location!.OriginalString);
        using (var waiting = await api.GetAsync(new Uri("/api/reports/funnel?by=site", UriKind.Relative)))
        {
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, waiting.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(60), waiting.Headers.RetryAfter?.Delta);
        }

        // One build runs, however many readers asked.
        var running = app.Services.GetRequiredService<ReportRefresher>().Running(org.Id);
        Assert.NotNull(running);
        hold.Release.SetResult();
        await running.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(1, hold.Held);

        page = await admin.GetAsync("/organization/report?by=site");
        Assert.Null(page.QuerySelector("#report-preparing"));
        Assert.Equal(4, page.QuerySelectorAll("#groups-table tbody tr").Length);
        await admin.GetAsync("/organization/report?handler=Csv&by=site");
        using (var ok = await api.GetAsync(new Uri("/api/reports/funnel?by=site", UriKind.Relative)))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, ok.StatusCode);
        }

        var (cube, _) = await app.WithScopeAsync(s => s.GetRequiredService<PilotReports>().QueryAsync(org.Id, ReportDimension.Site, default));
        Assert.Equal(PilotReportTests.TotalTruth, PilotReports.Tables(cube).Rows[PilotReports.TotalKey]);
    }

    /// <summary>Holds every read of the funnel's rows (the snapshot build) until released.</summary>
    private sealed class HoldFunnelRows : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        private int _held;

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Held => _held;

        public override async ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
            System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("per AS MATERIALIZED", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _held);
                await Release.Task.WaitAsync(cancellationToken);
            }

            return result;
        }
    }

    private static async Task<FunnelReport> ReportAsync(OpenLerFactory app, Guid organizationId) =>
        (await app.WithScopeAsync(s => s.GetRequiredService<PilotReports>().BuildAsync(organizationId, ReportDimension.Site)))!;

    private static async Task<long?> SiteTotalAsync(OpenLerFactory app, Guid organizationId, Guid site)
    {
        var (cube, _) = await app.WithScopeAsync(s => s.GetRequiredService<PilotReports>().QueryAsync(organizationId, ReportDimension.Site, default));
        return PilotReports.Tables(cube).Rows.TryGetValue("site:" + site.ToString("D").ToLowerInvariant(), out var row) ? row[0] : 0;
    }

    /// <summary>Changes the organization's snapshot row; returns when it was built.</summary>
    private static Task<DateTime> SnapshotAsync(OpenLerFactory app, Guid organizationId, Func<IQueryable<ReportSnapshot>, Task<int>> change) =>
        app.WithScopeAsync(async s =>
        {
            var rows = s.GetRequiredService<AppDbContext>().Set<ReportSnapshot>().Where(x => x.OrganizationId == organizationId);
            Assert.Equal(1, await change(rows));
            return await rows.Select(x => x.BuiltAt).SingleAsync();
        });

    /// <summary>Enrolls one of the organization's clients in a program again (one more enrollment, nothing else).</summary>
    private static Task<int> EnrollAgainAsync(OpenLerFactory app, Guid organizationId) =>
        app.WithScopeAsync(async s =>
        {
            var data = s.GetRequiredService<AppDbContext>();
            var enrollment = await data.Enrollments.AsNoTracking().Where(e => e.OrganizationId == organizationId).OrderBy(e => e.Id).FirstAsync();
            data.Enrollments.Add(new Enrollment
            {
                Id = Guid.NewGuid(),
                OrganizationId = organizationId,
                ClientId = enrollment.ClientId,
                ProgramId = enrollment.ProgramId,
                Cohort = enrollment.Cohort,
                EnrolledAt = enrollment.EnrolledAt,
            });
            return await data.SaveChangesAsync();
        });
}
