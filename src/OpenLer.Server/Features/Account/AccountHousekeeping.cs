using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;

namespace OpenLer.Server.Features.Account;

/// <summary>
/// Removes what is no longer useful, every few minutes: expired and used sign-in codes (after a day, kept that long only
/// so attempt counts survive), ended sessions, old throttle rows. Safe on several instances (plain deletes).
/// </summary>
public sealed class AccountHousekeeping(IServiceScopeFactory scopes, TimeProvider time, ILogger<AccountHousekeeping> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

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
                logger.LogWarning("Account housekeeping failed: {Error}", e.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var dayAgo = now - TimeSpan.FromDays(1);
        await db.LoginCodes.Where(c => c.ExpiresAt < dayAgo || (c.UsedAt != null && c.UsedAt < dayAgo)).ExecuteDeleteAsync(cancellationToken);
        await db.Set<UserSession>().Where(s => s.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        await db.Set<SignInThrottle>().Where(t => t.WindowStart < dayAgo && (t.LockedUntil == null || t.LockedUntil < now)).ExecuteDeleteAsync(cancellationToken);
    }
}
