using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OpenLer.Server.Data;

namespace OpenLer.Server.Infrastructure.Observability;

/// <summary>
/// Counts credentials issued where every path to the database passes (a save that adds an <see cref="IssuedCredential"/>),
/// after the save succeeded, so single issues, bulk issues and demo seeding are counted alike and a failed save is not.
/// </summary>
public sealed class IssuedCredentialCounter(OpenLerMetrics metrics) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, StrongBox<int>> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Count(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Count(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Report(eventData.Context, saved: true);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Report(eventData.Context, saved: true);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Report(eventData.Context, saved: false);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Report(eventData.Context, saved: false);
        return Task.CompletedTask;
    }

    private void Count(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var added = context.ChangeTracker.Entries<IssuedCredential>().Count(e => e.State == EntityState.Added);
        if (added > 0)
        {
            _pending.AddOrUpdate(context, new StrongBox<int>(added));
        }
    }

    private void Report(DbContext? context, bool saved)
    {
        if (context is null || !_pending.TryGetValue(context, out var count))
        {
            return;
        }

        _pending.Remove(context);
        if (saved)
        {
            metrics.CredentialsIssued(count.Value, "ob3-ldp-vc");
        }
    }
}
