using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;

namespace OpenLer.Server.Features.Reports;

/// <summary>
/// Keeps each organization's report aggregates (<see cref="ReportSnapshot"/>) and says when they are out of date: a
/// fingerprint of the tables the funnel reads (counts and latest times, a few index reads) differs from the one taken when
/// they were built, or they are older than <see cref="MaxAge"/> (a client moved to another site changes no count). Out of
/// date and quick to build (under <see cref="WaitLimit"/> last time): rebuilt while the reader waits, so small
/// organizations always see the newest figures. Slow to build (a large organization): the reader gets the last figures at
/// once, with their time, and one rebuild runs in the background (<see cref="ReportRefresher"/>).
/// </summary>
public sealed class ReportSnapshots(AppDbContext db, ReportRefresher refresher, TimeProvider time, IConfiguration configuration, ILogger<ReportSnapshots> logger)
{
    /// <summary>
    /// Configuration key: from how many enrollments an organization without a snapshot gets "being prepared" at once instead
    /// of waiting for its first build (default 20,000, about a second of building on this machine kind).
    /// </summary>
    public const string LargeOrganizationKey = "OpenLer:Reports:LargeOrganization";

    public const int DefaultLargeOrganization = 20_000;

    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(1);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    /// <summary>
    /// The organization's aggregates, when they were built, and whether newer ones are being built. Aggregates are null
    /// while the first snapshot of a large organization is being built (the reader is told to come back).
    /// </summary>
    public async Task<(FunnelAggregates? Aggregates, DateTime AsOf, bool Updating)> GetAsync(Guid organizationId, CancellationToken cancellationToken = default)
    {
        var (fingerprint, enrollments) = await FingerprintAsync(organizationId, cancellationToken);
        var snapshot = await db.Set<ReportSnapshot>().AsNoTracking().FirstOrDefaultAsync(s => s.OrganizationId == organizationId, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        if (snapshot is not null && snapshot.Fingerprint == fingerprint && now - snapshot.BuiltAt < MaxAge)
        {
            return (Read(snapshot), snapshot.BuiltAt, false);
        }

        if (snapshot is null && enrollments >= configuration.GetValue(LargeOrganizationKey, DefaultLargeOrganization))
        {
            refresher.Request(organizationId);
            return (null, now, true);
        }

        if (snapshot is null || snapshot.BuildMilliseconds < WaitLimit.TotalMilliseconds)
        {
            var built = await RebuildAsync(organizationId, cancellationToken);
            return (Read(built), built.BuiltAt, false);
        }

        refresher.Request(organizationId);
        return (Read(snapshot), snapshot.BuiltAt, true);
    }

    /// <summary>Builds the organization's aggregates from every enrollment and saves them; returns what was saved.</summary>
    public async Task<ReportSnapshot> RebuildAsync(Guid organizationId, CancellationToken cancellationToken = default)
    {
        var started = time.GetTimestamp();
        // Taken first: a change made while the enrollments are read makes the next reader rebuild again.
        var (fingerprint, _) = await FingerprintAsync(organizationId, cancellationToken);
        var builtAt = time.GetUtcNow().UtcDateTime;
        var sql = new FunnelSql(db.Database.IsNpgsql());
        var facts = db.Database.SqlQueryRaw<FunnelFactRow>(sql.Facts(), organizationId).AsAsyncEnumerable();
        var aggregates = FunnelAggregates.From(await facts.ToListAsync(cancellationToken));
        var snapshot = new ReportSnapshot
        {
            OrganizationId = organizationId,
            Fingerprint = fingerprint,
            BuiltAt = builtAt,
            BuildMilliseconds = (int)Math.Min(int.MaxValue, time.GetElapsedTime(started).TotalMilliseconds),
            Data = JsonSerializer.Serialize(aggregates, Json),
        };

        var updated = await db.Set<ReportSnapshot>().Where(s => s.OrganizationId == organizationId).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.Fingerprint, snapshot.Fingerprint)
            .SetProperty(s => s.BuiltAt, snapshot.BuiltAt)
            .SetProperty(s => s.BuildMilliseconds, snapshot.BuildMilliseconds)
            .SetProperty(s => s.Data, snapshot.Data), cancellationToken);
        if (updated == 0)
        {
            db.Set<ReportSnapshot>().Add(snapshot);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another instance saved its snapshot first: it is as good as this one.
                logger.LogInformation("Report snapshot saved by another instance first");
            }
            finally
            {
                db.Entry(snapshot).State = EntityState.Detached;
            }
        }

        logger.LogInformation("Report snapshot built: {Cells} cells in {Milliseconds} ms", aggregates.Cube.Count, snapshot.BuildMilliseconds);
        return snapshot;
    }

    /// <summary>
    /// Counts and latest times of every table a funnel step comes from: the organization's enrollments, completions and
    /// credentials, and (not per organization, so any change counts) first sign-ins, shares, opens, applications and
    /// employer events.
    /// </summary>
    internal async Task<(string Text, long Enrollments)> FingerprintAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT
              (SELECT COUNT(*) FROM "Enrollments" WHERE "OrganizationId" = {0}) AS "Enrollments",
              (SELECT COUNT("CompletedAt") FROM "Enrollments" WHERE "OrganizationId" = {0}) AS "Completions",
              (SELECT MAX("EnrolledAt") FROM "Enrollments" WHERE "OrganizationId" = {0}) AS "LastEnrolled",
              (SELECT MAX("CompletedAt") FROM "Enrollments" WHERE "OrganizationId" = {0}) AS "LastCompleted",
              (SELECT COUNT(*) FROM "Credentials" WHERE "OrganizationId" = {0}) AS "Credentials",
              (SELECT MAX("IssuedAt") FROM "Credentials" WHERE "OrganizationId" = {0}) AS "LastIssued",
              (SELECT COUNT(*) FROM "Clients" WHERE "OrganizationId" = {0}) AS "Clients",
              (SELECT COUNT("FirstSignInAt") FROM "Jobseekers") AS "SignedIn",
              (SELECT MAX("FirstSignInAt") FROM "Jobseekers") AS "LastSignedIn",
              (SELECT COUNT(*) FROM "Shares") AS "Shares",
              (SELECT MAX("CreatedAt") FROM "Shares") AS "LastShared",
              (SELECT COUNT(*) FROM "ShareItems") AS "ShareItems",
              (SELECT COUNT(*) FROM "ShareOpens") AS "Opens",
              (SELECT MAX("OpenedAt") FROM "ShareOpens") AS "LastOpened",
              (SELECT COUNT("AppliedAt") FROM "Applications") AS "Applications",
              (SELECT MAX("AppliedAt") FROM "Applications") AS "LastApplied",
              (SELECT COUNT(*) FROM "ApplicationEvents") AS "Events",
              (SELECT MAX("At") FROM "ApplicationEvents") AS "LastEvent"
            """;
        var row = (await db.Database.SqlQueryRaw<FingerprintRow>(Sql, organizationId).ToListAsync(cancellationToken)).Single();
        return (row.ToString(), row.Enrollments);
    }

    private static FunnelAggregates Read(ReportSnapshot snapshot) =>
        JsonSerializer.Deserialize<FunnelAggregates>(snapshot.Data, Json) ?? new FunnelAggregates();

    private sealed class FingerprintRow
    {
        public long Enrollments { get; set; }
        public long Completions { get; set; }
        public DateTime? LastEnrolled { get; set; }
        public DateTime? LastCompleted { get; set; }
        public long Credentials { get; set; }
        public DateTime? LastIssued { get; set; }
        public long Clients { get; set; }
        public long SignedIn { get; set; }
        public DateTime? LastSignedIn { get; set; }
        public long Shares { get; set; }
        public DateTime? LastShared { get; set; }
        public long ShareItems { get; set; }
        public long Opens { get; set; }
        public DateTime? LastOpened { get; set; }
        public long Applications { get; set; }
        public DateTime? LastApplied { get; set; }
        public long Events { get; set; }
        public DateTime? LastEvent { get; set; }

        public override string ToString() => string.Join('|', new object?[]
        {
            Enrollments, Completions, LastEnrolled?.Ticks, LastCompleted?.Ticks, Credentials, LastIssued?.Ticks, Clients, SignedIn, LastSignedIn?.Ticks,
            Shares, LastShared?.Ticks, ShareItems, Opens, LastOpened?.Ticks, Applications, LastApplied?.Ticks, Events, LastEvent?.Ticks,
        }.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));
    }
}

/// <summary>Rebuilds report snapshots in the background, one at a time per organization (a second request while one runs is the same rebuild).</summary>
public sealed class ReportRefresher(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<ReportRefresher> logger)
{
    private readonly ConcurrentDictionary<Guid, Task> _running = new();

    /// <summary>The rebuild running for the organization, if any (tests wait for it).</summary>
    public Task? Running(Guid organizationId) => _running.TryGetValue(organizationId, out var task) ? task : null;

    public void Request(Guid organizationId)
    {
        if (_running.ContainsKey(organizationId))
        {
            return;
        }

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = start.Task.ContinueWith(_ => RunAsync(organizationId), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        if (_running.TryAdd(organizationId, task))
        {
            start.SetResult();
        }
    }

    private async Task RunAsync(Guid organizationId)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ReportSnapshots>().RebuildAsync(organizationId, lifetime.ApplicationStopping);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // A failed background rebuild is logged; the next reader asks again.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogWarning("Report snapshot rebuild failed: {ErrorType}", e.GetType().Name);
        }
        finally
        {
            _running.TryRemove(organizationId, out _);
        }
    }
}
