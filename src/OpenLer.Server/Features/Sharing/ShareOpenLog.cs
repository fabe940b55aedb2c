using System.Threading.Channels;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure.Observability;

namespace OpenLer.Server.Features.Sharing;

/// <summary>
/// Records share openings off the request path: the page puts the opening on a bounded queue and a background writer
/// saves them in batches (one insert per batch), draining the queue when the app stops. What can be lost: openings still
/// queued when the process is killed (those of the last <see cref="Gather"/> interval, plus any the database was still being
/// asked to save), and openings beyond
/// <see cref="Capacity"/> while the database cannot keep up (counted as <c>openler.shares.opens_dropped</c>). An opening
/// is only a time (never who opened), shown to the holder; the employer's page never waits for it.
/// </summary>
public sealed partial class ShareOpenLog(IServiceScopeFactory scopes, ShareOpenNotices notices, OpenLerMetrics metrics, ILogger<ShareOpenLog> logger) : BackgroundService
{
    public const int Capacity = 10_000;
    public const int BatchSize = 500;

    /// <summary>How long the writer lets openings gather before it saves them (the most a crash can lose, in time).</summary>
    public static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(250);

    private readonly Channel<ShareOpen> _queue = Channel.CreateBounded<ShareOpen>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private long _accepted;
    private long _settled;

    /// <summary>Queues an opening; false when the queue is full (the opening is dropped and counted).</summary>
    public bool Record(Guid shareId, DateTime openedAt)
    {
        if (_queue.Writer.TryWrite(new ShareOpen { Id = Guid.NewGuid(), ShareId = shareId, OpenedAt = openedAt }))
        {
            Interlocked.Increment(ref _accepted);
            return true;
        }

        metrics.OpensDropped(1);
        return false;
    }

    /// <summary>Waits until every opening queued before this call is saved or dropped (tests, and before a planned stop).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var target = Interlocked.Read(ref _accepted);
        while (Interlocked.Read(ref _settled) < target)
        {
            await Task.Delay(10, cancellationToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // No new openings; the writer drains what is queued, then ends.
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<ShareOpen>(BatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                // Let a batch gather (one transaction, one fsync, for every opening of the interval), unless it is full.
                if (_queue.Reader.Count < BatchSize)
                {
                    await Task.Delay(Gather, stoppingToken);
                }

                await DrainAsync(batch, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: save what is still queued below.
        }

        await DrainAsync(batch, CancellationToken.None);
    }

    private async Task DrainAsync(List<ShareOpen> batch, CancellationToken cancellationToken)
    {
        while (_queue.Reader.TryRead(out var open))
        {
            batch.Add(open);
            if (batch.Count == BatchSize)
            {
                await SaveAsync(batch, cancellationToken);
            }
        }

        if (batch.Count > 0)
        {
            await SaveAsync(batch, cancellationToken);
        }
    }

    private async Task SaveAsync(List<ShareOpen> batch, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                db.ShareOpens.AddRange(batch);
                await db.SaveChangesAsync(cancellationToken);
                await NotifyAsync(batch, cancellationToken);
                break;
            }
#pragma warning disable CA1031 // A failed batch must not stop the writer: it is retried, then dropped and counted.
            catch (Exception e) when (attempt < 3)
            {
                LogRetry(logger, batch.Count, attempt, e.GetType().Name);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
            }
            catch (Exception e)
            {
                LogDropped(logger, batch.Count, e.GetType().Name);
                metrics.OpensDropped(batch.Count);
                break;
            }
#pragma warning restore CA1031
        }

        Interlocked.Add(ref _settled, batch.Count);
        batch.Clear();
    }

    private async Task NotifyAsync(List<ShareOpen> saved, CancellationToken cancellationToken)
    {
        try
        {
            await notices.AfterSavedAsync(saved, cancellationToken);
        }
#pragma warning disable CA1031 // The openings are saved; a notice that cannot be queued is logged, never retried as a save.
        catch (Exception e)
        {
            LogNoticeFailed(logger, e.GetType().Name);
        }
#pragma warning restore CA1031
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telling holders their links were first opened failed ({Error})")]
    private static partial void LogNoticeFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Saving {Count} share openings failed ({Error}), attempt {Attempt}; retrying")]
    private static partial void LogRetry(ILogger logger, int count, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dropped {Count} share openings the database refused ({Error})")]
    private static partial void LogDropped(ILogger logger, int count, string error);
}
