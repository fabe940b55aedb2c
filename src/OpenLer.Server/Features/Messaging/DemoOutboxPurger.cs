using Microsoft.Extensions.Options;

namespace OpenLer.Server.Features.Messaging;

/// <summary>Demo mode: every <see cref="MessagingOptions.DemoPurgeInterval"/>, deletes the demo outbox's expired messages.</summary>
internal sealed class DemoOutboxPurger(IServiceScopeFactory scopes, IOptions<MessagingOptions> options, TimeProvider time, ILogger<DemoOutboxPurger> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.DemoPurgeInterval, time, stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                var purged = await scope.ServiceProvider.GetRequiredService<DemoOutbox>().PurgeExpiredAsync(stoppingToken);
                if (purged > 0)
                {
                    logger.LogInformation("Demo outbox: {Count} expired message(s) purged", purged);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // A failed purge is retried at the next interval.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogWarning("Demo outbox purge failed: {ErrorType}", e.GetType().Name);
            }
        }
    }
}
