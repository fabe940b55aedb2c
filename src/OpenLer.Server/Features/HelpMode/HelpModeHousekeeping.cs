using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;

namespace OpenLer.Server.Features.HelpMode;

/// <summary>
/// Deletes help sessions a day after they ended or expired, every hour (the audit trail keeps the consent and the finish).
/// A client session still tied to a deleted help session is ended at its next request (<see cref="HelpModeGate"/>).
/// Safe on several instances (one plain delete).
/// </summary>
public sealed class HelpModeHousekeeping(IServiceScopeFactory scopes, TimeProvider time, ILogger<HelpModeHousekeeping> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                logger.LogWarning("Help-mode housekeeping failed: {Error}", e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Deletes the help sessions that ended or expired more than <see cref="KeptFor"/> ago; returns how many.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var before = time.GetUtcNow().UtcDateTime - KeptFor;
        return await db.Set<HelpSession>().Where(h => h.ExpiresAt < before || (h.FinishedAt != null && h.FinishedAt < before)).ExecuteDeleteAsync(cancellationToken);
    }
}
