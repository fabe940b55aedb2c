using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;

namespace OpenLer.Server.Features.Sharing;

/// <summary>What opening a share link found.</summary>
public enum ShareState { NotFound, Expired, Revoked, Open }

/// <summary>Creates, opens and revokes share links. Opening records the time only (never who opened it).</summary>
public sealed class ShareService(AppDbContext db, TimeProvider time)
{
    public const int DefaultDays = 30;
    public const int MaxDays = 365;

    /// <summary>Creates a share of the jobseeker's own credentials; returns the share and its token (shown once).</summary>
    public async Task<(Share Share, string Token)?> CreateAsync(Guid jobseekerId, IReadOnlyCollection<Guid> credentialIds, int days, string label, CancellationToken cancellationToken = default)
    {
        var owned = await db.Credentials.Where(c => c.JobseekerId == jobseekerId && credentialIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken);
        if (owned.Count == 0)
        {
            return null;
        }

        var token = ShareTokens.Create();
        var now = time.GetUtcNow().UtcDateTime;
        var share = new Share
        {
            Id = Guid.NewGuid(),
            JobseekerId = jobseekerId,
            TokenHash = ShareTokens.Hash(token),
            Label = label.Trim(),
            CreatedAt = now,
            ExpiresAt = now.AddDays(Math.Clamp(days, 1, MaxDays)),
            Items = [.. owned.Select(id => new ShareItem { Id = Guid.NewGuid(), CredentialId = id })],
        };
        db.Shares.Add(share);
        await db.SaveChangesAsync(cancellationToken);
        return (share, token);
    }

    public async Task<bool> RevokeAsync(Guid jobseekerId, Guid shareId, CancellationToken cancellationToken = default)
    {
        var share = await db.Shares.FirstOrDefaultAsync(s => s.JobseekerId == jobseekerId && s.Id == shareId, cancellationToken);
        if (share is null)
        {
            return false;
        }

        share.RevokedAt ??= time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// A share by id (an application's, which the employer reads inside the app rather than through the link): its state and,
    /// when open, its credentials; <paramref name="recordOpen"/> records an opening the holder sees in their list.
    /// </summary>
    public async Task<(ShareState State, List<IssuedCredential> Credentials)> ReadAsync(Guid shareId, bool recordOpen, CancellationToken cancellationToken = default)
    {
        var share = await db.Shares.Include(s => s.Items).FirstOrDefaultAsync(s => s.Id == shareId, cancellationToken);
        var state = StateOf(share);
        if (state != ShareState.Open)
        {
            return (state, []);
        }

        if (recordOpen)
        {
            db.ShareOpens.Add(new ShareOpen { Id = Guid.NewGuid(), ShareId = share!.Id, OpenedAt = time.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(cancellationToken);
        }

        return (state, await CredentialsAsync(share!, cancellationToken));
    }

    private ShareState StateOf(Share? share) =>
        share is null ? ShareState.NotFound
        : share.RevokedAt is not null ? ShareState.Revoked
        : share.ExpiresAt <= time.GetUtcNow().UtcDateTime ? ShareState.Expired
        : ShareState.Open;

    private Task<List<IssuedCredential>> CredentialsAsync(Share share, CancellationToken cancellationToken)
    {
        var ids = share.Items.Select(i => i.CredentialId).ToList();
        return db.Credentials.AsNoTracking().Include(c => c.Organization)
            .Where(c => c.JobseekerId == share.JobseekerId && ids.Contains(c.Id)).OrderBy(c => c.IssuedAt).ToListAsync(cancellationToken);
    }

    /// <summary>Finds a share by its token; an open share records the opening and returns its credentials.</summary>
    public async Task<(ShareState State, Share? Share, List<IssuedCredential> Credentials)> OpenAsync(string token, CancellationToken cancellationToken = default)
    {
        var hash = ShareTokens.Hash(token);
        var share = await db.Shares.Include(s => s.Items).FirstOrDefaultAsync(s => s.TokenHash == hash, cancellationToken);
        var state = StateOf(share);
        if (state != ShareState.Open)
        {
            return (state, share, []);
        }

        db.ShareOpens.Add(new ShareOpen { Id = Guid.NewGuid(), ShareId = share!.Id, OpenedAt = time.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);
        return (ShareState.Open, share, await CredentialsAsync(share, cancellationToken));
    }
}
