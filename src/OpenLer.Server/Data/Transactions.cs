using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace OpenLer.Server.Data;

/// <summary>
/// A transaction that joins the caller's when one is open (so a use case called from a larger one commits with it) and
/// otherwise is its own.
/// </summary>
public sealed class OwnedTransaction(IDbContextTransaction? own) : IAsyncDisposable
{
    public bool Owned => own is not null;

    public Task CommitAsync(CancellationToken cancellationToken = default) => own?.CommitAsync(cancellationToken) ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => own?.DisposeAsync() ?? ValueTask.CompletedTask;
}

public static class Transactions
{
    public static async Task<OwnedTransaction> BeginOrJoinAsync(this DatabaseFacade database, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        return new OwnedTransaction(database.CurrentTransaction is null ? await database.BeginTransactionAsync(cancellationToken) : null);
    }
}
