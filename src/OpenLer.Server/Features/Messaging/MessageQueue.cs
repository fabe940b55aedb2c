using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;

namespace OpenLer.Server.Features.Messaging;

/// <summary>
/// The queue's storage operations for the dispatcher. A claim stamps rows with a random token and a lease, so that of two
/// app instances sharing one database only one ever holds a message: on PostgreSQL one UPDATE over a sub-select with
/// <c>FOR UPDATE SKIP LOCKED</c>; on SQLite a write transaction and a conditional update. Every later change of a claimed
/// row checks the token, so a dispatcher that lost its lease changes nothing.
/// </summary>
internal sealed class MessageQueue(AppDbContext db, TimeProvider time)
{
    /// <summary>Claims up to <paramref name="batch"/> messages that are due on a channel served here, or expired (to be recorded and dropped).</summary>
    public async Task<IReadOnlyList<QueuedMessage>> ClaimAsync(IReadOnlyCollection<MessageChannel> served, int batch, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + lease;
        var token = Guid.NewGuid();
        if (db.Database.IsNpgsql())
        {
            var channels = served.Select(c => c.ToString()).ToArray();
            await db.Database.ExecuteSqlAsync($"""
                UPDATE "MessageQueue" SET "ClaimToken" = {token}, "ClaimedUntil" = {until}
                WHERE "Id" IN (
                    SELECT "Id" FROM "MessageQueue"
                    WHERE ("ClaimedUntil" IS NULL OR "ClaimedUntil" <= {now})
                      AND ("ExpiresAt" <= {now} OR ("NextAttemptAt" <= {now} AND "Channel" = ANY({channels})))
                    ORDER BY "NextAttemptAt"
                    LIMIT {batch}
                    FOR UPDATE SKIP LOCKED)
                """, cancellationToken);
        }
        else
        {
            // SQLite: the transaction takes the write lock (BEGIN IMMEDIATE); the update re-checks that no one holds the rows.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var ids = await Claimable(served, now).OrderBy(m => m.NextAttemptAt).Select(m => m.Id).Take(batch).ToListAsync(cancellationToken);
            if (ids.Count > 0)
            {
                await Claimable(served, now).Where(m => ids.Contains(m.Id))
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimToken, token).SetProperty(m => m.ClaimedUntil, until), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return await db.Set<QueuedMessage>().AsNoTracking().Where(m => m.ClaimToken == token).OrderBy(m => m.NextAttemptAt).ToListAsync(cancellationToken);
    }

    /// <summary>Deletes a claimed message and writes its delivery record, in one transaction; false when the claim was lost.</summary>
    public async Task<bool> FinishAsync(QueuedMessage message, DeliveryOutcome outcome, int attempts, string? error, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var deleted = await db.Set<QueuedMessage>().Where(m => m.Id == message.Id && m.ClaimToken == message.ClaimToken).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        db.Set<MessageDelivery>().Add(new MessageDelivery
        {
            Id = message.Id,
            Kind = message.Kind,
            Channel = message.Channel,
            QueuedAt = message.CreatedAt,
            FinishedAt = time.GetUtcNow().UtcDateTime,
            Outcome = outcome,
            Attempts = attempts,
            Error = error,
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return true;
    }

    /// <summary>Extends a claim just before a send, so a slow batch never outlives its lease; false when the claim was lost.</summary>
    public async Task<bool> RenewAsync(QueuedMessage message, TimeSpan lease, CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow().UtcDateTime + lease;
        return await db.Set<QueuedMessage>().Where(m => m.Id == message.Id && m.ClaimToken == message.ClaimToken)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntil, until), cancellationToken) == 1;
    }

    /// <summary>Gives a claimed message back to the queue, to be tried again at <paramref name="next"/>.</summary>
    public Task<int> ReleaseAsync(QueuedMessage message, int attempts, DateTime next, string? error, CancellationToken cancellationToken) =>
        db.Set<QueuedMessage>().Where(m => m.Id == message.Id && m.ClaimToken == message.ClaimToken)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.NextAttemptAt, next)
                .SetProperty(m => m.LastError, error)
                .SetProperty(m => m.ClaimToken, (Guid?)null)
                .SetProperty(m => m.ClaimedUntil, (DateTime?)null), cancellationToken);

    private IQueryable<QueuedMessage> Claimable(IReadOnlyCollection<MessageChannel> served, DateTime now) =>
        db.Set<QueuedMessage>().Where(m => (m.ClaimedUntil == null || m.ClaimedUntil <= now)
            && (m.ExpiresAt <= now || (m.NextAttemptAt <= now && served.Contains(m.Channel))));
}
