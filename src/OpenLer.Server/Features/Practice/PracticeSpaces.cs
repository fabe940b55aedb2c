using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Features.Issuance.Bulk;
using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Features.Presentations;
using OpenLer.Server.Features.Programs;
using OpenLer.Server.Features.StatusLists;
using OpenLer.Server.Features.Wallets;
using OpenLer.Server.Features.WorkAuthorization;

namespace OpenLer.Server.Features.Practice;

/// <summary>
/// An organization's practice space (issue 15; docs/adr/pilot-reporting.md): a shadow organization row
/// (<see cref="Organization.PracticeOf"/> = the real organization), made on first use with its own signing key and data
/// keys, the real organization's sites and programs mirrored. Practice clients, enrollments and credentials are rows of the
/// practice organization, so every tenant filter (StaffScope, the report's <c>WHERE OrganizationId = @org</c>) keeps them
/// apart from real ones; its key is on no trust list and its credentials carry the practice mark.
/// </summary>
public sealed class PracticeSpaces(AppDbContext db, OrganizationKeys keys, TimeProvider time)
{
    /// <summary>The practice organization of <paramref name="organizationId"/>, made on first use.</summary>
    public async Task<Organization> EnsureAsync(Guid organizationId, CancellationToken cancellationToken = default)
    {
        if (await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.PracticeOf == organizationId, cancellationToken) is { } existing)
        {
            return existing;
        }

        var real = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == organizationId && o.PracticeOf == null, cancellationToken);
        var sites = await db.Sites.AsNoTracking().Where(s => s.OrganizationId == organizationId).OrderBy(s => s.Name).ToListAsync(cancellationToken);

        // A slug of its own that no real organization can already have chosen (random suffix).
        var stem = real.Slug.Length > 40 ? real.Slug[..40].TrimEnd('-') : real.Slug;
        var slug = $"{stem}-practice-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        var practice = await keys.CreateAsync(PracticeNames.OrganizationName(real.Name), slug, [], cancellationToken);
        practice = await db.Organizations.FirstAsync(o => o.Id == practice.Id, cancellationToken);
        practice.PracticeOf = organizationId;
        foreach (var site in sites)
        {
            db.Sites.Add(new Site { Id = Guid.NewGuid(), OrganizationId = practice.Id, Name = site.Name, PhoneRegion = site.PhoneRegion });
        }

        await MirrorProgramsAsync(organizationId, practice.Id, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return practice;
    }

    /// <summary>The practice organization of <paramref name="organizationId"/>, or null when none was made yet.</summary>
    public Task<Organization?> FindAsync(Guid organizationId, CancellationToken cancellationToken = default) =>
        db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.PracticeOf == organizationId, cancellationToken);

    /// <summary>Whether <paramref name="organizationId"/> is a practice organization.</summary>
    public Task<bool> IsPracticeAsync(Guid organizationId, CancellationToken cancellationToken = default) =>
        db.Organizations.AnyAsync(o => o.Id == organizationId && o.PracticeOf != null, cancellationToken);

    /// <summary>
    /// Deletes everything practised in <paramref name="practiceOrganizationId"/> (clients, enrollments, credentials and their
    /// shares, offers, invitations, requests, imports) and mirrors the real programs afresh. Refuses (false) an id that is not
    /// a practice organization, so it can never touch real data.
    /// </summary>
    public async Task<bool> ResetAsync(Guid practiceOrganizationId, CancellationToken cancellationToken = default)
    {
        var practice = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == practiceOrganizationId && o.PracticeOf != null, cancellationToken);
        if (practice?.PracticeOf is not { } realId)
        {
            return false;
        }

        var org = practice.Id;
        await using var transaction = await db.Database.BeginOrJoinAsync(cancellationToken);
        var credentials = db.Credentials.Where(c => c.OrganizationId == org).Select(c => c.Id);

        // Shares: the practice credentials leave every share; a share left with nothing in it goes with its opens.
        var touchedShares = await db.ShareItems.Where(i => i.CredentialId != null && credentials.Contains(i.CredentialId.Value)).Select(i => i.ShareId).Distinct().ToListAsync(cancellationToken);
        await db.ShareItems.Where(i => i.CredentialId != null && credentials.Contains(i.CredentialId.Value)).ExecuteDeleteAsync(cancellationToken);
        var emptied = db.Shares.Where(s => touchedShares.Contains(s.Id) && !db.ShareItems.Any(i => i.ShareId == s.Id)).Select(s => s.Id);
        await db.Set<ShareOpen>().Where(o => emptied.Contains(o.ShareId)).ExecuteDeleteAsync(cancellationToken);
        await db.Shares.Where(s => emptied.Contains(s.Id)).ExecuteDeleteAsync(cancellationToken);

        await db.Set<WalletKey>().Where(k => k.CredentialId != null && credentials.Contains(k.CredentialId.Value)).ExecuteDeleteAsync(cancellationToken);
        await db.Set<TokenStatusEntry>().Where(e => e.OrganizationId == org).ExecuteDeleteAsync(cancellationToken);
        await db.Set<WalletOffer>().Where(o => o.OrganizationId == org).ExecuteDeleteAsync(cancellationToken);
        await db.Set<IssuedWorkAuthorization>().Where(w => w.OrganizationId == org).ExecuteDeleteAsync(cancellationToken);
        await db.Set<WorkAuthorizationRecord>().Where(w => w.OrganizationId == org).ExecuteDeleteAsync(cancellationToken);
        await db.Set<ProtectedDataConsent>().Where(c => c.OrganizationId == org).ExecuteDeleteAsync(cancellationToken);
        await db.Set<PresentationRequest>().Where(r => r.OrganizationId == org).ExecuteDeleteAsync(cancellationToken);
        await db.Set<BulkImportRow>().Where(r => r.OrganizationId == org).ExecuteDeleteAsync(cancellationToken);
        await db.Set<BulkImport>().Where(r => r.OrganizationId == org).ExecuteDeleteAsync(cancellationToken);
        await db.Set<BulkIssuanceKey>().Where(r => r.OrganizationId == org).ExecuteDeleteAsync(cancellationToken);
        await db.Credentials.Where(c => c.OrganizationId == org).ExecuteDeleteAsync(cancellationToken);
        await db.Enrollments.Where(e => e.OrganizationId == org).ExecuteDeleteAsync(cancellationToken);
        await db.Set<ClientInvitation>().Where(i => i.OrganizationId == org).ExecuteDeleteAsync(cancellationToken);
        await db.Set<AccountNotice>().Where(n => n.OrganizationId == org).ExecuteDeleteAsync(cancellationToken);
        await db.Clients.Where(c => c.OrganizationId == org).ExecuteDeleteAsync(cancellationToken);
        await db.Set<ProgramTranslation>().Where(t => t.OrganizationId == org).ExecuteDeleteAsync(cancellationToken);
        await db.Set<Badges.ProgramBadge>().Where(b => b.OrganizationId == org).ExecuteDeleteAsync(cancellationToken);
        await db.Programs.Where(p => p.OrganizationId == org).ExecuteDeleteAsync(cancellationToken);

        await MirrorProgramsAsync(realId, org, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task MirrorProgramsAsync(Guid realId, Guid practiceId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var programs = await db.Programs.AsNoTracking().Where(p => p.OrganizationId == realId).OrderBy(p => p.CreatedAt).ToListAsync(cancellationToken);
        var programIds = programs.Select(p => p.Id).ToList();
        var badges = await db.Set<Badges.ProgramBadge>().AsNoTracking().Where(b => b.OrganizationId == realId && programIds.Contains(b.ProgramId))
            .ToDictionaryAsync(b => b.ProgramId, cancellationToken);
        foreach (var program in programs)
        {
            var id = Guid.NewGuid();
            if (badges.TryGetValue(program.Id, out var badge))
            {
                db.Add(new Badges.ProgramBadge { ProgramId = id, OrganizationId = practiceId, Colour = badge.Colour, Image = badge.Image, UpdatedAt = now });
            }

            db.Programs.Add(new AchievementProgram
            {
                Id = id,
                OrganizationId = practiceId,
                Name = program.Name,
                Description = program.Description,
                Criteria = program.Criteria,
                ImageUrl = program.ImageUrl,
                Language = program.Language,
                Alignments = program.Alignments,
                RecordsEnglishLevel = program.RecordsEnglishLevel,
                CreatedAt = now,
            });
        }
    }
}
