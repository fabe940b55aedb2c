using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenLer.Server.Data;

namespace OpenLer.Server.Features.Issuance.Bulk;

/// <summary>
/// The background worker of bulk issuance in each app instance: looks for a queued job, or a running one whose worker's
/// lease ran out (it stopped: a crash, a restart, another instance gone), and runs it with <see cref="BulkIssuanceRunner"/>.
/// Jobs survive restarts because everything is in the database; the lease makes one worker at a time run a job.
/// </summary>
internal sealed class BulkIssuanceWorker(IServiceScopeFactory scopes, BulkIssuanceSignal signal, IOptions<BulkIssuanceOptions> options, TimeProvider time,
    ILogger<BulkIssuanceWorker> logger) : BackgroundService
{
    private readonly string _owner = "worker-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        if (!options.Value.Worker)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var ran = false;
            try
            {
                ran = await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // The worker must outlive a failed round (database restarting); the job stays and is taken up again.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogWarning("Bulk issuance round failed: {ErrorType}", e.GetType().Name);
            }

            if (ran)
            {
                continue;
            }

            try
            {
                await signal.WaitAsync(options.Value.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Runs one claimable job, if there is one; true when it ran one.</summary>
    internal async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var candidates = await db.Set<BulkImport>().AsNoTracking()
            .Where(i => i.State == BulkImportStates.Queued || (i.State == BulkImportStates.Running && i.LeaseUntil < now))
            .OrderBy(i => i.QueuedAt).Select(i => i.Id).Take(5).ToListAsync(cancellationToken);
        foreach (var id in candidates)
        {
            var runner = scope.ServiceProvider.GetRequiredService<BulkIssuanceRunner>();
            if (await runner.RunAsync(id, _owner, cancellationToken: cancellationToken) is not null)
            {
                return true;
            }
        }

        return false;
    }
}
