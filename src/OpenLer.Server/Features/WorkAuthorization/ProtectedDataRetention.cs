using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Audit;

namespace OpenLer.Server.Features.WorkAuthorization;

/// <summary>
/// Erases the protected fields of work-authorization records after <see cref="ProtectedDataOptions.RetentionDays"/> without
/// activity (no record, reveal or issue by staff, no sign-in by the person). Safe on several instances: each record is
/// erased by one conditional UPDATE (only while not yet erased and still inactive), so two instances racing erase it once
/// and only the instance whose update changed the row writes the audit record.
/// </summary>
public sealed class ProtectedDataRetention(IServiceScopeFactory scopes, IOptions<ProtectedDataOptions> options, TimeProvider time,
    ILogger<ProtectedDataRetention> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var erased = await RunOnceAsync(stoppingToken);
                if (erased > 0)
                {
                    logger.LogInformation("Retention: protected fields of {Count} record(s) erased", erased);
                }

                await Task.Delay(options.Value.CheckInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // A failed run is retried at the next interval; the error type only is logged (no data).
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogWarning("Retention run failed: {ErrorType}", e.GetType().Name);
                await Task.Delay(options.Value.CheckInterval, time, stoppingToken);
            }
        }
    }

    /// <summary>One pass; returns how many records this instance erased.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        var now = time.GetUtcNow().UtcDateTime;
        var cutoff = now - TimeSpan.FromDays(options.Value.RetentionDays);
        var due = await db.Set<WorkAuthorizationRecord>().AsNoTracking()
            .Where(r => r.ErasedAt == null && r.LastActivityAt < cutoff)
            .Where(r => !db.Clients.Any(c => c.Id == r.ClientId && c.JobseekerId != null
                && db.Jobseekers.Any(j => j.Id == c.JobseekerId && j.LastSignInAt != null && j.LastSignInAt >= cutoff)))
            .OrderBy(r => r.LastActivityAt).ThenBy(r => r.Id).Select(r => new { r.Id, r.OrganizationId }).Take(500).ToListAsync(cancellationToken);
        var erased = 0;
        foreach (var record in due)
        {
            var changed = await db.Set<WorkAuthorizationRecord>()
                .Where(r => r.Id == record.Id && r.ErasedAt == null && r.LastActivityAt < cutoff)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(r => r.StatusCategoryCipher, (string?)null)
                    .SetProperty(r => r.DocumentTypeCipher, (string?)null)
                    .SetProperty(r => r.EadCategoryCipher, (string?)null)
                    .SetProperty(r => r.DocumentNumberCipher, (string?)null)
                    .SetProperty(r => r.ANumberCipher, (string?)null)
                    .SetProperty(r => r.ANumberIndex, (string?)null)
                    .SetProperty(r => r.ValidUntilCipher, (string?)null)
                    .SetProperty(r => r.SeenOnCipher, (string?)null)
                    .SetProperty(r => r.SeenByCipher, (string?)null)
                    .SetProperty(r => r.ErasedAt, now)
                    .SetProperty(r => r.ErasedReason, ErasureReasons.Retention), cancellationToken);
            if (changed == 1)
            {
                erased++;
                await audit.RecordAsync(AuditActions.ProtectedErased, "work-authorization", record.Id, record.OrganizationId,
                    detail: ErasureReasons.Retention, actor: (AuditActors.System, "retention"), cancellationToken: cancellationToken);
            }
        }

        return erased;
    }
}
