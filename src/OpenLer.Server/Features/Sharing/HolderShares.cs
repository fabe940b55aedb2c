using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Features.Programs;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Features.WorkAuthorization;

namespace OpenLer.Server.Features.Sharing;

/// <summary>
/// Reads one of the holder's own links with everything its page, its printable card and its full-screen QR show. Another
/// person's link, or an id that does not exist, reads as null (the pages answer 404 without telling which).
/// </summary>
public sealed class HolderShares(AppDbContext db, ShareService shares, People people, ProgramTexts programTexts, TimeProvider time)
{
    public async Task<HolderShare?> FindAsync(Guid jobseekerId, Guid shareId, CancellationToken cancellationToken = default)
    {
        var share = await db.Shares.AsNoTracking().Include(s => s.Items)
            .FirstOrDefaultAsync(s => s.JobseekerId == jobseekerId && s.Id == shareId, cancellationToken);
        if (share is null)
        {
            return null;
        }

        var jobseeker = await db.Jobseekers.AsNoTracking().FirstAsync(j => j.Id == jobseekerId, cancellationToken);
        var credentialIds = share.Items.Where(i => i.Kind == ShareItemKinds.Credential && i.CredentialId != null).Select(i => i.CredentialId!.Value).ToList();
        var credentials = await db.Credentials.AsNoTracking().Include(c => c.Organization)
            .Where(c => c.JobseekerId == jobseekerId && credentialIds.Contains(c.Id)).OrderBy(c => c.IssuedAt).ToListAsync(cancellationToken);
        var workIds = share.Items.Where(i => i.Kind == ShareItemKinds.WorkAuthorization && i.CredentialId != null).Select(i => i.CredentialId!.Value).ToList();
        var workIssuers = await db.Set<IssuedWorkAuthorization>().AsNoTracking().Where(w => w.JobseekerId == jobseekerId && workIds.Contains(w.Id))
            .Join(db.Organizations, w => w.OrganizationId, o => o.Id, (w, o) => o.Name).ToListAsync(cancellationToken);
        var opens = await db.ShareOpens.AsNoTracking().Where(o => o.ShareId == share.Id).Select(o => o.OpenedAt).ToListAsync(cancellationToken);
        var enrollmentIds = credentials.Select(c => c.EnrollmentId).ToList();
        var programs = await db.Enrollments.AsNoTracking().Where(e => enrollmentIds.Contains(e.Id))
            .Select(e => new { e.Id, e.OrganizationId, e.ProgramId }).ToListAsync(cancellationToken);
        string? Badge(IssuedCredential c) => programs.FirstOrDefault(e => e.Id == c.EnrollmentId && e.OrganizationId == c.OrganizationId) is { } e
            ? BadgeAddress.Path(c.Organization!.Slug, e.ProgramId)
            : null;
        var now = time.GetUtcNow().UtcDateTime;
        var texts = await programTexts.ForCredentialsAsync([.. credentials.Select(c => c.Id)], Languages.Current.Code, cancellationToken);
        return new HolderShare(
            share.Id,
            shares.Label(share),
            people.Name(jobseeker),
            shares.Link(share),
            share.CreatedAt,
            share.ExpiresAt,
            share.RevokedAt,
            share.RevokedAt is null && share.ExpiresAt > now,
            [.. opens.OrderByDescending(o => o)],
            [.. credentials.Select(c => c.AchievementName)],
            [.. credentials.Select(c => c.Organization!.Name).Concat(workIssuers).Distinct(StringComparer.Ordinal)],
            workIds.Count > 0,
            share.Items.Count(i => i.Kind == ShareItemKinds.SelfReported))
        {
            CredentialBadges = [.. credentials.Select(Badge)],
            TranslatedNames = [.. credentials.Select(c => texts.GetValueOrDefault(c.Id) is { Translated: true } t ? t.Name : null)],
            NameLanguages = [.. credentials.Select(c => texts.GetValueOrDefault(c.Id)?.OriginalLanguage)],
        };
    }
}
