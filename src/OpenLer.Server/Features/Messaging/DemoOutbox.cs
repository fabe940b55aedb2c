using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;

namespace OpenLer.Server.Features.Messaging;

/// <summary>
/// The demo outbox in the database, encrypted like the queue (its own Data Protection purpose). Rows carry no contact in
/// clear, not even a hash, so a lookup decrypts the newest live rows (a demo holds a handful) until one matches.
/// </summary>
internal sealed class DemoOutbox(AppDbContext db, MessageProtection protection, TimeProvider time) : IDemoOutbox
{
    /// <summary>How many live messages a lookup reads at most.</summary>
    public const int LookupWindow = 500;

    public async Task<DemoMessage?> LatestAsync(string contact, MessageKind? kind = null, CancellationToken cancellationToken = default)
    {
        var wanted = (contact ?? "").Trim();
        if (wanted.Contains('@', StringComparison.Ordinal))
        {
            wanted = wanted.ToLowerInvariant();
        }

        if (wanted.Length == 0)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var rows = await db.Set<DemoOutboxEntry>().AsNoTracking().Where(e => e.ExpiresAt > now)
            .OrderByDescending(e => e.CreatedAt).Take(LookupWindow).Select(e => e.Payload).ToListAsync(cancellationToken);
        return rows.Select(protection.UnprotectDemo).FirstOrDefault(m => m is not null && string.Equals(m.Contact, wanted, StringComparison.Ordinal) && (kind is null || m.Kind == kind));
    }

    /// <summary>Deletes every message that has expired; returns how many.</summary>
    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.Set<DemoOutboxEntry>().Where(e => e.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }
}
