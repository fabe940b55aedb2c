using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Invitations;

/// <summary>An invitation the person unlocked with its code: who asks, and the id to answer it with.</summary>
public sealed record OpenInvitation(Guid Id, string OrganizationName);

/// <summary>
/// The person's side of an organization's invitation: they type the code that came to their own contact, see who asks,
/// and agree (the organization's client record is linked to their account) or refuse. Each invitation takes at most
/// <see cref="CodeSignIn.MaxAttempts"/> guesses, counted atomically.
/// </summary>
public sealed class Invitations(AppDbContext db, People people, Caseload caseload, AuditTrail audit, IOptions<DeploymentOptions> options, TimeProvider time)
{
    public async Task<OpenInvitation?> OpenAsync(string? contactText, string? codeText, CancellationToken cancellationToken = default)
    {
        var code = new string(Contacts.AsciiDigits(codeText ?? "").Where(char.IsAsciiDigit).ToArray());
        var contact = Contacts.Normalize(contactText, options.Value.PhoneRegion);
        var jobseeker = contact is null ? null : await people.FindAsync(contact, cancellationToken);
        if (jobseeker is null || code.Length != Caseload.InvitationDigits)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var candidates = await db.Set<ClientInvitation>().AsNoTracking()
            .Where(i => i.JobseekerId == jobseeker.Id && i.AcceptedAt == null && i.DeclinedAt == null && i.ExpiresAt > now && i.Attempts < CodeSignIn.MaxAttempts)
            .OrderByDescending(i => i.CreatedAt).Take(5).ToListAsync(cancellationToken);
        foreach (var candidate in candidates)
        {
            var reserved = await db.Set<ClientInvitation>().Where(i => i.Id == candidate.Id && i.Attempts < CodeSignIn.MaxAttempts)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Attempts, i => i.Attempts + 1), cancellationToken);
            if (reserved == 1 && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(candidate.CodeHash), Encoding.ASCII.GetBytes(caseload.InvitationHash(candidate.Id, code))))
            {
                var name = await db.Organizations.Where(o => o.Id == candidate.OrganizationId).Select(o => o.Name).FirstAsync(cancellationToken);
                return new OpenInvitation(candidate.Id, name);
            }
        }

        return null;
    }

    /// <summary>Records the person's answer; false when the invitation is no longer open.</summary>
    public async Task<bool> AnswerAsync(Guid invitationId, bool agree, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var invitation = await db.Set<ClientInvitation>().FirstOrDefaultAsync(i => i.Id == invitationId && i.AcceptedAt == null && i.DeclinedAt == null && i.ExpiresAt > now, cancellationToken);
        if (invitation is null)
        {
            return false;
        }

        var client = await db.Clients.FirstAsync(c => c.Id == invitation.ClientId && c.OrganizationId == invitation.OrganizationId, cancellationToken);
        var jobseeker = await db.Jobseekers.FirstAsync(j => j.Id == invitation.JobseekerId, cancellationToken);
        await using var transaction = await db.Database.BeginOrJoinAsync(cancellationToken);
        if (agree)
        {
            invitation.AcceptedAt = now;
            client.JobseekerId = jobseeker.Id;
            client.Link = ClientLinks.Linked;
        }
        else
        {
            invitation.DeclinedAt = now;
            client.Link = ClientLinks.Declined;
        }

        // The code reached the person's own contact: they hold it.
        jobseeker.ClaimedAt ??= now;
        await db.Set<AccountNotice>().Where(n => n.JobseekerId == jobseeker.Id && n.Kind == NoticeKinds.InvitationPending && n.OrganizationId == invitation.OrganizationId && n.SeenAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.SeenAt, now), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(agree ? AuditActions.InvitationAccepted : AuditActions.InvitationDeclined, "client", client.Id, client.OrganizationId,
            actor: (AuditActors.Jobseeker, jobseeker.Id.ToString("D")), cancellationToken: cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
