using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenLer.Credentials.Common;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Account.Sessions;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Features.Messaging;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Employers;

/// <summary>What inviting a hiring manager did.</summary>
public enum InviteOutcome
{
    /// <summary>A new company account with its first user; the organization works with it from now on.</summary>
    Created,

    /// <summary>The e-mail belongs to a company that already has an account: it was asked, and decides.</summary>
    Requested,
}

/// <summary>
/// Employer accounts: an organization admin lists the employers the organization works with and invites a hiring manager
/// of one. A new e-mail address creates the employer's company account and its first user (the partnership starts at once);
/// an address that already belongs to another company's user asks that company, which accepts or refuses on its own page,
/// so no organization can attach itself to an employer, nor add people to one: only the company's own users add
/// colleagues. Every query names the organization or the company.
/// </summary>
public sealed class EmployerAccounts(
    AppDbContext db, EmployerRecords records, IMessageOutbox outbox, SessionService sessions, AuditTrail audit,
    IOptions<DeploymentOptions> options, TimeProvider time)
{
    public const int NameMaxLength = 200;

    /// <summary>Adds an employer to the organization's list (no account yet).</summary>
    public async Task<Outcome<Employer>> AddEmployerAsync(Guid organizationId, string? name, string? contactName, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > NameMaxLength || (contactName?.Trim().Length ?? 0) > NameMaxLength)
        {
            return new CredentialError("employer.name", L.Key("Type the employer's name (at most 200 characters)."));
        }

        var employer = new Employer
        {
            Id = Guid.NewGuid(),
            OrganizationId = organizationId,
            Name = name.Trim(),
            ContactName = string.IsNullOrWhiteSpace(contactName) ? null : contactName.Trim(),
        };
        db.Employers.Add(employer);
        await db.SaveChangesAsync(cancellationToken);
        return employer;
    }

    /// <summary>
    /// Invites a hiring manager of one of the organization's employers (another organization's entry answers
    /// employer.not-found). Nothing is saved unless everything is valid; the invitation e-mail is queued in the same
    /// transaction.
    /// </summary>
    public async Task<Outcome<InviteOutcome>> InviteAsync(Guid organizationId, Guid employerId, string? personName, string? email, string? language, CancellationToken cancellationToken = default)
    {
        var employer = await db.Employers.FirstOrDefaultAsync(e => e.OrganizationId == organizationId && e.Id == employerId, cancellationToken);
        if (employer is null)
        {
            return new CredentialError("employer.not-found", L.Key("That employer is not on your list."));
        }

        if (employer.CompanyId is not null && employer.DeclinedAt is null)
        {
            return new CredentialError("employer.already-invited", L.Key("This employer already has an account with you. Its own users add their colleagues."));
        }

        var contact = Contacts.Normalize(email, options.Value.PhoneRegion);
        if (contact is not { Kind: ContactKinds.Email })
        {
            return new CredentialError("employer.email", L.Key("Type the hiring manager's e-mail address."));
        }

        if (string.IsNullOrWhiteSpace(personName) || personName.Trim().Length > NameMaxLength)
        {
            return new CredentialError("employer.person", L.Key("Type the hiring manager's name (at most 200 characters)."));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var existing = await FindUserAsync(contact.Value, cancellationToken);
        await using var transaction = await db.Database.BeginOrJoinAsync(cancellationToken);
        InviteOutcome outcome;
        if (existing is not null)
        {
            var companyId = existing.CompanyId;
            if (await db.Employers.AnyAsync(e => e.OrganizationId == organizationId && e.CompanyId == companyId && e.Id != employerId, cancellationToken))
            {
                return new CredentialError("employer.already-partner", L.Key("That e-mail belongs to an employer you already work with."));
            }

            employer.CompanyId = companyId;
            employer.AcceptedAt = null;
            employer.DeclinedAt = null;
            outcome = InviteOutcome.Requested;
        }
        else
        {
            var company = new EmployerCompany { Id = Guid.NewGuid(), Name = employer.Name, CreatedByOrganizationId = organizationId, CreatedAt = now };
            db.Set<EmployerCompany>().Add(company);
            var user = new EmployerUser
            {
                Id = Guid.NewGuid(),
                CompanyId = company.Id,
                Language = Languages.Find(language).Code,
                CreatedAt = now,
                InvitedByOrganizationId = organizationId,
            };
            records.SetUser(user, personName.Trim(), contact.Value);
            db.Set<EmployerUser>().Add(user);
            employer.CompanyId = company.Id;
            employer.AcceptedAt = now;
            employer.DeclinedAt = null;
            outcome = InviteOutcome.Created;
        }

        employer.InvitedAt = now;
        var organization = await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.Name).FirstAsync(cancellationToken);
        var queued = await outbox.EnqueueAsync(OutgoingMessage.EmployerInvitation(contact.Value, existing?.Language ?? Languages.Find(language).Code, organization,
            options.Value.BaseUrl + "/employer/sign-in"), cancellationToken);
        if (!queued.IsSuccess)
        {
            throw new InvalidOperationException("The invitation could not be queued: " + queued.Error.Code);
        }

        await audit.RecordAsync(AuditActions.EmployerInvited, "employer", employer.Id, organizationId, detail: outcome == InviteOutcome.Created ? "created" : "requested", cancellationToken: cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return outcome;
    }

    /// <summary>An employer user by e-mail address (normalized), or null.</summary>
    public Task<EmployerUser?> FindUserAsync(string normalizedEmail, CancellationToken cancellationToken = default)
    {
        var index = records.EmailIndex(normalizedEmail);
        return db.Set<EmployerUser>().FirstOrDefaultAsync(u => u.EmailIndex == index, cancellationToken);
    }

    /// <summary>The company accepts or refuses an organization's request; false when there is no such open request for it.</summary>
    public async Task<bool> AnswerAsync(Guid companyId, Guid employerEntryId, bool accept, CancellationToken cancellationToken = default)
    {
        var entry = await db.Employers.FirstOrDefaultAsync(e => e.Id == employerEntryId && e.CompanyId == companyId && e.AcceptedAt == null && e.DeclinedAt == null, cancellationToken);
        if (entry is null)
        {
            return false;
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (accept)
        {
            entry.AcceptedAt = now;
        }
        else
        {
            entry.DeclinedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(accept ? AuditActions.PartnershipAccepted : AuditActions.PartnershipDeclined, "employer", entry.Id, entry.OrganizationId, cancellationToken: cancellationToken);
        return true;
    }

    /// <summary>A company's user adds a colleague (a new e-mail address only: an address of any existing user is refused).</summary>
    public async Task<Outcome<EmployerUser>> AddColleagueAsync(Guid companyId, string? name, string? email, string? language, CancellationToken cancellationToken = default)
    {
        var contact = Contacts.Normalize(email, options.Value.PhoneRegion);
        if (contact is not { Kind: ContactKinds.Email })
        {
            return new CredentialError("employer.email", L.Key("Type your colleague's e-mail address."));
        }

        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > NameMaxLength)
        {
            return new CredentialError("employer.person", L.Key("Type your colleague's name (at most 200 characters)."));
        }

        if (await FindUserAsync(contact.Value, cancellationToken) is not null)
        {
            return new CredentialError("employer.email-taken", L.Key("That e-mail address already has an employer account."));
        }

        var user = new EmployerUser
        {
            Id = Guid.NewGuid(),
            CompanyId = companyId,
            Language = Languages.Find(language).Code,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        records.SetUser(user, name.Trim(), contact.Value);
        db.Set<EmployerUser>().Add(user);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.EmployerUserAdded, "employer-user", user.Id, cancellationToken: cancellationToken);
        return user;
    }

    /// <summary>Disables a colleague of the same company (not oneself) and ends every session of theirs.</summary>
    public async Task<bool> DisableAsync(Guid companyId, Guid userId, Guid byUserId, CancellationToken cancellationToken = default)
    {
        var user = await db.Set<EmployerUser>().FirstOrDefaultAsync(u => u.CompanyId == companyId && u.Id == userId && u.Id != byUserId, cancellationToken);
        if (user is null)
        {
            return false;
        }

        user.DisabledAt ??= time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await sessions.EndAllAsync(SessionKinds.Employer, user.Id.ToString(), cancellationToken: cancellationToken);
        await audit.RecordAsync(AuditActions.EmployerUserDisabled, "employer-user", user.Id, cancellationToken: cancellationToken);
        return true;
    }
}
