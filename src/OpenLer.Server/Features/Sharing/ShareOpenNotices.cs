using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Protection;

namespace OpenLer.Server.Features.Sharing;

/// <summary>
/// After a batch of share openings is saved: the holder of a link opened for the first time is told once. "Once" holds
/// across instances: the notice is claimed by a conditional update of <see cref="Share.FirstOpenNoticeAt"/>. A link that
/// already had openings before this batch (e.g. made before notices existed) is marked without a message.
/// </summary>
public sealed class ShareOpenNotices(IServiceScopeFactory scopes, TimeProvider time)
{
    private const int RememberedLimit = 100_000;

    // Links already marked: a popular link does not cost a database update per batch. Cleared when it grows too large.
    private readonly ConcurrentDictionary<Guid, byte> _marked = new();

    public async Task AfterSavedAsync(IReadOnlyCollection<ShareOpen> saved, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(saved);
        var fresh = saved.GroupBy(o => o.ShareId).Where(g => !_marked.ContainsKey(g.Key)).ToList();
        if (fresh.Count == 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var fields = scope.ServiceProvider.GetRequiredService<FieldProtector>();
        var notices = scope.ServiceProvider.GetRequiredService<PersonNotices>();
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var opens in fresh)
        {
            var shareId = opens.Key;
            var claimed = await db.Shares.Where(s => s.Id == shareId && s.FirstOpenNoticeAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.FirstOpenNoticeAt, now), cancellationToken);
            if (_marked.Count >= RememberedLimit)
            {
                _marked.Clear();
            }

            _marked.TryAdd(shareId, 0);
            if (claimed == 0)
            {
                continue;
            }

            var total = await db.ShareOpens.CountAsync(o => o.ShareId == shareId, cancellationToken);
            var share = await db.Shares.AsNoTracking().FirstOrDefaultAsync(s => s.Id == shareId, cancellationToken);
            if (share is null || total > opens.Count())
            {
                continue;
            }

            await notices.ShareOpenedAsync(share.JobseekerId, fields.Unprotect(share.LabelCipher, ShareService.LabelWhere(share)), share.CreatedAt, cancellationToken);
        }
    }
}
