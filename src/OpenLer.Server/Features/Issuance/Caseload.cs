using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Issuance;

/// <summary>What adding a client did.</summary>
public enum AddClientOutcome
{
    /// <summary>A new account was made for the person, linked to this organization.</summary>
    Created,

    /// <summary>The person already has an account: an invitation code went to them; nothing is linked until they accept.</summary>
    Invited,

    /// <summary>This organization already has a client with that contact.</summary>
    AlreadyOnCaseload,

    /// <summary>The contact is neither an e-mail address nor a phone number.</summary>
    InvalidContact,
}

public sealed record AddClientResult(AddClientOutcome Outcome, Client? Client);

/// <summary>
/// An organization's caseload: clients, enrollments in program cohorts, completions. Every query names the organization.
/// A contact that already belongs to an account never gives staff that account: the person gets an invitation code on
/// their own contact and decides (issue 9, finding 1).
/// </summary>
public sealed class Caseload(AppDbContext db, People people, CaseRecords records, IAccountMessages messages, AuditTrail audit,
    IOptions<DeploymentOptions> options, TimeProvider time)
{
    /// <summary>How long an invitation code stays valid; the invitation message says so (<see cref="QueuedAccountMessages.InvitationLifetime"/>).</summary>
    public static readonly TimeSpan InvitationLifetime = QueuedAccountMessages.InvitationLifetime;
    public const int InvitationDigits = 8;

    public async Task<AddClientResult> AddClientAsync(Guid organizationId, Guid? siteId, string name, string contactText, string language = "en", CancellationToken cancellationToken = default)
    {
        // A number typed without a country code is read with the site's region (the deployment's when no site is named).
        var region = siteId is { } site
            ? await db.Sites.Where(s => s.Id == site && s.OrganizationId == organizationId).Select(s => s.PhoneRegion).FirstOrDefaultAsync(cancellationToken)
            : null;
        var contact = Contacts.Normalize(contactText, region ?? options.Value.PhoneRegion);
        if (contact is null)
        {
            return new AddClientResult(AddClientOutcome.InvalidContact, null);
        }

        var index = records.ClientContactIndex(organizationId, contact.Value);
        var existing = await db.Clients.FirstOrDefaultAsync(c => c.OrganizationId == organizationId && c.ContactIndex == index, cancellationToken);
        if (existing is not null)
        {
            return new AddClientResult(AddClientOutcome.AlreadyOnCaseload, existing);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var client = new Client
        {
            Id = Guid.NewGuid(),
            OrganizationId = organizationId,
            SiteId = siteId,
            ContactIndex = index,
            Language = Languages.Find(language).Code,
            CreatedAt = now,
        };
        records.SetClient(client, name.Trim(), contact.Value);
        db.Clients.Add(client);

        await using var transaction = await db.Database.BeginOrJoinAsync(cancellationToken);
        var jobseeker = await people.FindAsync(contact, cancellationToken);
        AddClientOutcome outcome;
        if (jobseeker is null)
        {
            jobseeker = people.Create(contact, name.Trim(), client.Language, organizationId);
            client.JobseekerId = jobseeker.Id;
            client.Link = ClientLinks.Created;
            outcome = AddClientOutcome.Created;
        }
        else
        {
            client.Link = ClientLinks.Invited;
            await InviteAsync(client, jobseeker, contact, now, cancellationToken);
            outcome = AddClientOutcome.Invited;
        }

        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.ClientAdded, "client", client.Id, organizationId, detail: client.Link, cancellationToken: cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AddClientResult(outcome, client);
    }

    /// <summary>Sends an invitation code to a person who already has an account (the caller saves).</summary>
    internal async Task InviteAsync(Client client, Jobseeker jobseeker, Contact contact, DateTime now, CancellationToken cancellationToken)
    {
        var code = CodeSignIn.NewCode(InvitationDigits);
        var invitation = new ClientInvitation
        {
            Id = Guid.NewGuid(),
            OrganizationId = client.OrganizationId,
            ClientId = client.Id,
            JobseekerId = jobseeker.Id,
            CreatedAt = now,
            ExpiresAt = now + InvitationLifetime,
        };
        invitation.CodeHash = InvitationHash(invitation.Id, code);
        db.Set<ClientInvitation>().Add(invitation);
        db.Set<AccountNotice>().Add(new AccountNotice
        {
            Id = Guid.NewGuid(),
            JobseekerId = jobseeker.Id,
            Kind = NoticeKinds.InvitationPending,
            OrganizationId = client.OrganizationId,
            CreatedAt = now,
        });
        var organization = await db.Organizations.Where(o => o.Id == client.OrganizationId).Select(o => o.Name).FirstAsync(cancellationToken);
        await messages.SendInvitationAsync(contact, code, organization, jobseeker.Language, cancellationToken);
        await audit.RecordAsync(AuditActions.InvitationSent, "client", client.Id, client.OrganizationId, cancellationToken: cancellationToken);
    }

    /// <summary>A keyed hash of an invitation code, bound to its invitation (as for sign-in codes).</summary>
    public string InvitationHash(Guid invitationId, string code) => people.CodeHash("invitation|" + invitationId.ToString("N"), code);

    public async Task<Enrollment?> EnrollAsync(Guid organizationId, Guid clientId, Guid programId, string cohort, CancellationToken cancellationToken = default)
    {
        var clientOk = await db.Clients.AnyAsync(c => c.OrganizationId == organizationId && c.Id == clientId, cancellationToken);
        var programOk = await db.Programs.AnyAsync(p => p.OrganizationId == organizationId && p.Id == programId, cancellationToken);
        if (!clientOk || !programOk)
        {
            return null;
        }

        var enrollment = new Enrollment
        {
            Id = Guid.NewGuid(),
            OrganizationId = organizationId,
            ClientId = clientId,
            ProgramId = programId,
            Cohort = cohort.Trim(),
            EnrolledAt = time.GetUtcNow().UtcDateTime,
        };
        db.Enrollments.Add(enrollment);
        await db.SaveChangesAsync(cancellationToken);
        return enrollment;
    }

    public async Task<bool> CompleteAsync(Guid organizationId, Guid enrollmentId, string? evidence, string? englishLevel, CancellationToken cancellationToken = default)
    {
        var enrollment = await db.Enrollments.FirstOrDefaultAsync(e => e.OrganizationId == organizationId && e.Id == enrollmentId, cancellationToken);
        if (enrollment is null)
        {
            return false;
        }

        if (enrollment.CompletedAt is null)
        {
            enrollment.CompletedAt = time.GetUtcNow().UtcDateTime;
            records.SetEvidence(enrollment, string.IsNullOrWhiteSpace(evidence) ? null : evidence.Trim());
            enrollment.EnglishLevel = CredentialIssuer.CefrLevels.Contains(englishLevel) ? englishLevel : null;
            await db.SaveChangesAsync(cancellationToken);
        }

        return true;
    }
}
