using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;

namespace OpenLer.Server.Features.Issuance;

/// <summary>An organization's caseload: clients, enrollments in program cohorts, completions. Every query names the organization.</summary>
public sealed class Caseload(AppDbContext db, TimeProvider time)
{
    /// <summary>Adds a jobseeker (found by contact, or created) to the organization's caseload.</summary>
    public async Task<Client> AddClientAsync(Guid organizationId, Guid? siteId, string name, string contact, string language = "en", CancellationToken cancellationToken = default)
    {
        var normalized = CodeSignIn.Normalize(contact);
        var now = time.GetUtcNow().UtcDateTime;
        var jobseeker = await db.Jobseekers.FirstOrDefaultAsync(j => j.Contact == normalized, cancellationToken);
        if (jobseeker is null)
        {
            jobseeker = new Jobseeker { Id = Guid.NewGuid(), Contact = normalized, DisplayName = name.Trim(), Language = language, CreatedAt = now };
            db.Jobseekers.Add(jobseeker);
        }

        var client = await db.Clients.FirstOrDefaultAsync(c => c.OrganizationId == organizationId && c.JobseekerId == jobseeker.Id, cancellationToken);
        if (client is null)
        {
            client = new Client { Id = Guid.NewGuid(), OrganizationId = organizationId, SiteId = siteId, JobseekerId = jobseeker.Id, CreatedAt = now };
            db.Clients.Add(client);
        }

        await db.SaveChangesAsync(cancellationToken);
        return client;
    }

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
            enrollment.Evidence = string.IsNullOrWhiteSpace(evidence) ? null : evidence.Trim();
            enrollment.EnglishLevel = CredentialIssuer.CefrLevels.Contains(englishLevel) ? englishLevel : null;
            await db.SaveChangesAsync(cancellationToken);
        }

        return true;
    }
}
