using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Account.Sessions;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Features.WorkAuthorization;

namespace OpenLer.Server.Features.Privacy;

/// <summary>
/// Deletes a person's account, in one transaction: every share link stops (deleted, so a link answers "does not work"),
/// the wallet's copies of credentials and its holder keys are removed, self-reported entries and notices go, the protected
/// work-authorization fields any organization recorded are erased and their consents withdrawn, organizations' client
/// records are unlinked, sessions end, and the account row is deleted (SECURITY.md DR-09). Issued credentials stay valid
/// (their status-list entries stay, linked to no one) unless their issuer revokes them; the person is told so. The
/// organizations' own case files (the name and contact they entered, enrollments) stay with them.
/// </summary>
public sealed class AccountDeletion(AppDbContext db, SessionService sessions, AuditTrail audit, TimeProvider time)
{
    public async Task<bool> DeleteAsync(Guid jobseekerId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginOrJoinAsync(cancellationToken);
        var jobseeker = await db.Jobseekers.FirstOrDefaultAsync(j => j.Id == jobseekerId, cancellationToken);
        if (jobseeker is null)
        {
            return false;
        }

        // Share links stop: the links, what they carried (presentations included) and when they were opened.
        var shareIds = await db.Shares.Where(s => s.JobseekerId == jobseekerId).Select(s => s.Id).ToListAsync(cancellationToken);
        await db.ShareOpens.Where(o => shareIds.Contains(o.ShareId)).ExecuteDeleteAsync(cancellationToken);
        await db.ShareItems.Where(i => shareIds.Contains(i.ShareId)).ExecuteDeleteAsync(cancellationToken);
        await db.Shares.Where(s => s.JobseekerId == jobseekerId).ExecuteDeleteAsync(cancellationToken);

        // Wallet copies and the keys that present them.
        await db.Credentials.Where(c => c.JobseekerId == jobseekerId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.JsonCipher, (string?)null).SetProperty(c => c.JobseekerId, Guid.Empty), cancellationToken);
        await db.Set<IssuedWorkAuthorization>().Where(c => c.JobseekerId == jobseekerId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.SdJwtCipher, (string?)null).SetProperty(c => c.JobseekerId, (Guid?)null)
                .SetProperty(c => c.WalletRemovedAt, now), cancellationToken);
        await db.Set<WalletKey>().Where(k => k.JobseekerId == jobseekerId).ExecuteDeleteAsync(cancellationToken);
        await db.SelfReported.Where(e => e.JobseekerId == jobseekerId).ExecuteDeleteAsync(cancellationToken);
        await db.Set<AccountNotice>().Where(n => n.JobseekerId == jobseekerId).ExecuteDeleteAsync(cancellationToken);
        await db.LoginCodes.Where(c => c.AccountKind == SessionKinds.Jobseeker && c.AccountId == jobseekerId).ExecuteDeleteAsync(cancellationToken);
        await db.Set<ClientInvitation>().Where(i => i.JobseekerId == jobseekerId).ExecuteDeleteAsync(cancellationToken);

        // Protected fields every organization recorded about the person: erased; consents withdrawn; client records unlinked.
        var clients = await db.Clients.Where(c => c.JobseekerId == jobseekerId).ToListAsync(cancellationToken);
        var clientIds = clients.Select(c => c.Id).ToList();
        var records = await db.Set<WorkAuthorizationRecord>().Where(r => clientIds.Contains(r.ClientId)).ToListAsync(cancellationToken);
        foreach (var record in records.Where(r => r.ErasedAt is null))
        {
            WorkAuthorizationRecords.Erase(record, ErasureReasons.AccountDeleted, now);
        }

        var consents = await db.Set<ProtectedDataConsent>().Where(c => clientIds.Contains(c.ClientId) && c.WithdrawnAt == null).ToListAsync(cancellationToken);
        foreach (var consent in consents)
        {
            consent.WithdrawnAt = now;
            consent.WithdrawnBy = "person";
        }

        foreach (var client in clients)
        {
            client.JobseekerId = null;
            client.Link = ClientLinks.AccountDeleted;
        }

        db.Jobseekers.Remove(jobseeker);
        await db.SaveChangesAsync(cancellationToken);
        await sessions.EndAllAsync(SessionKinds.Jobseeker, jobseekerId.ToString("D"), cancellationToken: cancellationToken);
        var actor = (AuditActors.Jobseeker, (string?)jobseekerId.ToString("D"));
        foreach (var record in records.Where(r => r.ErasedReason == ErasureReasons.AccountDeleted && r.ErasedAt == now))
        {
            await audit.RecordAsync(AuditActions.ProtectedErased, "work-authorization", record.Id, record.OrganizationId, detail: ErasureReasons.AccountDeleted,
                actor: actor, cancellationToken: cancellationToken);
        }

        await audit.RecordAsync(AuditActions.AccountDeleted, "jobseeker", jobseekerId, null, actor: actor, cancellationToken: cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
