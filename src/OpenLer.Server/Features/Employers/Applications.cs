using Microsoft.EntityFrameworkCore;
using OpenLer.Credentials.Common;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Features.Sharing;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Employers;

/// <summary>
/// What a jobseeker chose to send with an application. <paramref name="WorkAuthorizationIds"/>: the work-authorization
/// credential to include (at most one, only for a job that requires it); <paramref name="WorkAuthorizationFacts"/>: the
/// facts besides "authorized_to_work" they also show (only "valid_until" is allowed).
/// </summary>
public sealed record ApplyRequest(IReadOnlyCollection<Guid> CredentialIds, IReadOnlyCollection<string> SelfReported, string? DisplayName, bool ShareContact, bool ShareExperience,
    IReadOnlyCollection<Guid>? WorkAuthorizationIds = null, IReadOnlyCollection<string>? WorkAuthorizationFacts = null)
{
    public override string ToString() => "ApplyRequest { protected }";
}

/// <summary>
/// Applications: a jobseeker applies to an open vacancy with the credentials they choose (a share bound to the application,
/// which they see and can stop in their wallet), the skills they report themselves and the name (and, if they choose, the
/// contact) the employer sees; a job developer suggests a vacancy of an employer their organization works with to a client,
/// who decides in their wallet (the employer sees nothing before); the employer marks outcomes. Each change is one
/// transaction with its <see cref="ApplicationEvent"/> (for pilot reporting) and its audit record; bad input saves nothing.
/// </summary>
public sealed class Applications(AppDbContext db, ShareService shares, EmployerRecords records, People people, AuditTrail audit, TimeProvider time)
{
    /// <summary>How long an application's share lasts (the holder can stop it sooner).</summary>
    public const int ShareDays = 180;
    public const int DisplayNameMaxLength = 100;

    /// <summary>The work-authorization facts an application may carry: always whether the person may work, and optionally until when.</summary>
    public static IReadOnlyList<string> WorkAuthorizationFacts { get; } = ["authorized_to_work", "valid_until"];

    public async Task<Outcome<JobApplication>> ApplyAsync(Guid jobseekerId, JobVacancy vacancy, ApplyRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(vacancy);
        ArgumentNullException.ThrowIfNull(request);
        if (vacancy.State != VacancyStates.Open)
        {
            return new CredentialError("application.closed", L.Key("This job is no longer open."));
        }

        var name = request.DisplayName?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > DisplayNameMaxLength)
        {
            return new CredentialError("application.name", L.Key("Type the name the employer should see (at most 100 characters)."));
        }

        var skills = vacancy.Skills.Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
        if (request.SelfReported.Any(code => !skills.Contains(code)))
        {
            return new CredentialError("application.skill", L.Key("You can only report skills this job asks for."));
        }

        var wanted = request.CredentialIds.Distinct().ToList();
        if (wanted.Count == 0)
        {
            return new CredentialError("application.no-credential", L.Key("Choose at least one credential."));
        }

        var owned = await db.Credentials.CountAsync(c => c.JobseekerId == jobseekerId && c.RevokedAt == null && c.SourceCredentialId == null && wanted.Contains(c.Id), cancellationToken);
        if (owned != wanted.Count)
        {
            return new CredentialError("application.credential", L.Key("One of the credentials you chose is not in your wallet."));
        }

        var work = WorkAuthorizationChoice(vacancy, request);
        if (!work.IsSuccess)
        {
            return work.Error;
        }

        var (workAuthorizationId, facts) = work.Value;
        var existing = await db.Set<JobApplication>().FirstOrDefaultAsync(a => a.VacancyId == vacancy.Id && a.JobseekerId == jobseekerId, cancellationToken);
        if (existing?.Stage == ApplicationStages.Applied)
        {
            return new CredentialError("application.duplicate", L.Key("You already applied to this job."));
        }

        var jobseeker = await db.Jobseekers.FirstAsync(j => j.Id == jobseekerId, cancellationToken);
        var company = await db.Set<EmployerCompany>().Where(c => c.Id == vacancy.CompanyId).Select(c => c.Name).FirstAsync(cancellationToken);
        var label = $"{vacancy.Title} · {company}";
        await using var transaction = await db.Database.BeginOrJoinAsync(cancellationToken);
        var choice = new ShareChoice(wanted, workAuthorizationId, facts, [], ShareDays, label.Length > 100 ? label[..100] : label);
        var created = await shares.CreateAsync(jobseekerId, choice, cancellationToken);
        if (!created.IsSuccess)
        {
            return created.Error.Code == "NOT_OWNED" && workAuthorizationId is not null
                ? new CredentialError("application.work-authorization", L.Key("The work authorization you chose is not in your wallet."))
                : new CredentialError("application.no-credential", L.Key("Choose at least one credential."));
        }

        var share = created.Value.Share;

        var now = time.GetUtcNow().UtcDateTime;
        var application = existing ?? new JobApplication
        {
            Id = Guid.NewGuid(),
            VacancyId = vacancy.Id,
            CompanyId = vacancy.CompanyId,
            JobseekerId = jobseekerId,
            CreatedAt = now,
        };
        application.Stage = ApplicationStages.Applied;
        application.ShareId = share.Id;
        application.AppliedAt = now;
        application.ShareExperience = request.ShareExperience;
        application.WorkAuthorizationAsked = vacancy.RequiresWorkAuthorization;
        application.Outcome = ApplicationOutcomes.None;
        application.OutcomeAt = null;
        records.SetApplicant(application, name, request.ShareContact ? people.ContactOf(jobseeker)?.Value : null, request.SelfReported.Distinct(StringComparer.Ordinal));
        if (existing is null)
        {
            db.Set<JobApplication>().Add(application);
        }

        AddEvent(application, ApplicationStages.Applied, "jobseeker", now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same person applied twice at once: the unique index keeps one application, and this one saves nothing.
            return new CredentialError("application.duplicate", L.Key("You already applied to this job."));
        }

        await audit.RecordAsync(AuditActions.ApplicationSubmitted, "application", application.Id, cancellationToken: cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return application;
    }

    /// <summary>
    /// A job developer suggests an open vacancy of an employer the organization works with to one of its clients (found by the
    /// caller through the staff scope). The person decides in their wallet; until then the employer sees nothing.
    /// </summary>
    public async Task<Outcome<JobApplication>> SuggestAsync(Guid organizationId, string staffId, Client client, Guid vacancyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (client.OrganizationId != organizationId || client.JobseekerId is not { } jobseekerId || client.Link is not (ClientLinks.Created or ClientLinks.Linked))
        {
            return new CredentialError("suggestion.client", L.Key("This client has not linked their account with you yet."));
        }

        var vacancy = await PartnerVacancies(organizationId).FirstOrDefaultAsync(v => v.Id == vacancyId, cancellationToken);
        if (vacancy is null)
        {
            return new CredentialError("suggestion.vacancy", L.Key("That job is not open at an employer you work with."));
        }

        if (await db.Set<JobApplication>().AnyAsync(a => a.VacancyId == vacancyId && a.JobseekerId == jobseekerId, cancellationToken))
        {
            return new CredentialError("suggestion.duplicate", L.Key("This client already has this job: suggested, applied or answered."));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var application = new JobApplication
        {
            Id = Guid.NewGuid(),
            VacancyId = vacancy.Id,
            CompanyId = vacancy.CompanyId,
            JobseekerId = jobseekerId,
            Stage = ApplicationStages.Suggested,
            SuggestedByOrganizationId = organizationId,
            SuggestedByStaffId = staffId,
            CreatedAt = now,
        };
        db.Set<JobApplication>().Add(application);
        AddEvent(application, ApplicationStages.Suggested, "staff", now);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.ApplicationSuggested, "application", application.Id, organizationId, cancellationToken: cancellationToken);
        return application;
    }

    /// <summary>The open vacancies of every company the organization works with (partnership accepted).</summary>
    public IQueryable<JobVacancy> PartnerVacancies(Guid organizationId)
    {
        var companies = db.Employers.Where(e => e.OrganizationId == organizationId && e.CompanyId != null && e.AcceptedAt != null && e.DeclinedAt == null)
            .Select(e => e.CompanyId!.Value);
        return db.Set<JobVacancy>().Where(v => v.State == VacancyStates.Open && companies.Contains(v.CompanyId));
    }

    /// <summary>The person says no to a suggestion (nothing reaches the employer).</summary>
    public async Task<bool> DeclineAsync(Guid jobseekerId, Guid applicationId, CancellationToken cancellationToken = default)
    {
        var application = await db.Set<JobApplication>().FirstOrDefaultAsync(a => a.Id == applicationId && a.JobseekerId == jobseekerId && a.Stage == ApplicationStages.Suggested, cancellationToken);
        if (application is null)
        {
            return false;
        }

        application.Stage = ApplicationStages.Declined;
        AddEvent(application, ApplicationStages.Declined, "jobseeker", time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.ApplicationDeclined, "application", application.Id, cancellationToken: cancellationToken);
        return true;
    }

    /// <summary>The person withdraws an application: its share stops and the employer no longer sees it.</summary>
    public async Task<bool> WithdrawAsync(Guid jobseekerId, Guid applicationId, CancellationToken cancellationToken = default)
    {
        var application = await db.Set<JobApplication>().FirstOrDefaultAsync(a => a.Id == applicationId && a.JobseekerId == jobseekerId && a.Stage == ApplicationStages.Applied, cancellationToken);
        if (application is null)
        {
            return false;
        }

        await using var transaction = await db.Database.BeginOrJoinAsync(cancellationToken);
        if (application.ShareId is { } shareId)
        {
            await shares.RevokeAsync(jobseekerId, shareId, cancellationToken);
        }

        application.Stage = ApplicationStages.Withdrawn;
        AddEvent(application, ApplicationStages.Withdrawn, "jobseeker", time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.ApplicationWithdrawn, "application", application.Id, cancellationToken: cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The employer marks an outcome (an application found through <see cref="EmployerScope"/>).</summary>
    public async Task<Outcome<JobApplication>> MarkAsync(JobApplication application, string? outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        if (outcome is null || !ApplicationOutcomes.Marks.Contains(outcome, StringComparer.Ordinal))
        {
            return new CredentialError("application.outcome", L.Key("Choose seen, interviewed, hired or not selected."));
        }

        var now = time.GetUtcNow().UtcDateTime;
        application.Outcome = outcome;
        application.OutcomeAt = now;
        AddEvent(application, outcome, "employer", now);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.ApplicationOutcome, "application", application.Id, detail: outcome, cancellationToken: cancellationToken);
        return application;
    }

    /// <summary>
    /// The work authorization the person chose to include: none, or one credential with "authorized_to_work" and, if they
    /// chose, "valid_until" (a job that does not ask for it takes none; any other fact is refused).
    /// </summary>
    private static Outcome<(Guid? Id, IReadOnlyCollection<string> Facts)> WorkAuthorizationChoice(JobVacancy vacancy, ApplyRequest request)
    {
        var ids = (request.WorkAuthorizationIds ?? []).Distinct().ToList();
        if (ids.Count == 0)
        {
            return Outcome<(Guid? Id, IReadOnlyCollection<string> Facts)>.Ok((null, []));
        }

        if (!vacancy.RequiresWorkAuthorization)
        {
            return new CredentialError("application.work-authorization", L.Key("This job does not ask for work authorization, so you cannot include it."));
        }

        if (ids.Count > 1)
        {
            return new CredentialError("application.work-authorization", L.Key("Choose one work authorization."));
        }

        var extra = (request.WorkAuthorizationFacts ?? []).Where(f => !string.IsNullOrWhiteSpace(f)).Distinct(StringComparer.Ordinal).ToList();
        if (extra.Any(f => !WorkAuthorizationFacts.Contains(f, StringComparer.Ordinal)))
        {
            return new CredentialError("application.work-authorization", L.Key("With an application you can share only whether you may work and, if you choose, until when."));
        }

        IReadOnlyCollection<string> facts = [.. WorkAuthorizationFacts.Where(f => f == "authorized_to_work" || extra.Contains(f))];
        return Outcome<(Guid? Id, IReadOnlyCollection<string> Facts)>.Ok((ids[0], facts));
    }

    private void AddEvent(JobApplication application, string kind, string actor, DateTime at) =>
        db.Set<ApplicationEvent>().Add(new ApplicationEvent { Id = Guid.NewGuid(), ApplicationId = application.Id, Kind = kind, ActorKind = actor, At = at });
}
