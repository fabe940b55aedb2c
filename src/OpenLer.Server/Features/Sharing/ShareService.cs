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
        var owned = await db.Credentials.Where(c => c.JobseekerId == jobseekerId && credentialIds.Contains(c.Id) && c.SourceCredentialId == null).Select(c => c.Id).ToListAsync(cancellationToken);
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

    /// <summary>Finds a share by its token; an open share records the opening and returns its credentials.</summary>
    public async Task<(ShareState State, Share? Share, List<IssuedCredential> Credentials)> OpenAsync(string token, CancellationToken cancellationToken = default)
    {
        var hash = ShareTokens.Hash(token);
        var share = await db.Shares.Include(s => s.Items).FirstOrDefaultAsync(s => s.TokenHash == hash, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        if (share is null)
        {
            return (ShareState.NotFound, null, []);
        }

        if (share.RevokedAt is not null)
        {
            return (ShareState.Revoked, share, []);
        }

        if (share.ExpiresAt <= now)
        {
            return (ShareState.Expired, share, []);
        }

        db.ShareOpens.Add(new ShareOpen { Id = Guid.NewGuid(), ShareId = share.Id, OpenedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        var ids = share.Items.Select(i => i.CredentialId).ToList();
        var credentials = await db.Credentials.AsNoTracking().Include(c => c.Organization)
            .Where(c => c.JobseekerId == share.JobseekerId && ids.Contains(c.Id)).OrderBy(c => c.IssuedAt).ToListAsync(cancellationToken);
        return (ShareState.Open, share, credentials);
    }
}
