using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenLer.Credentials.Matching;
using OpenLer.Credentials.Taxonomy;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Features.Verify;

namespace OpenLer.Server.Features.Employers;

/// <summary>One job in a person's "jobs that fit your skills": the vacancy, its employer, and how the person's credentials match it.</summary>
public sealed record JobFit(JobVacancy Vacancy, string Company, ApplicantMatch Match);

/// <summary>
/// "Jobs that fit your skills": the open vacancies of the employers that the person's organizations work with (only
/// organizations the person is linked to), ranked with the library's <see cref="VacancyIndex"/> against the skills their own
/// credentials prove now (verified with the deployment verifier; revoked or failing credentials count for nothing). Work
/// authorization is not a gate in the person's own list: it is asked and applied when they apply; the page says which
/// jobs require it.
/// </summary>
public sealed class JobsForJobseekers(AppDbContext db, CaseRecords caseRecords, DeploymentVerifier verifier, TimeProvider time)
{
    public async Task<IReadOnlyList<JobFit>> ForAsync(Guid jobseekerId, int take, CancellationToken cancellationToken = default)
    {
        var organizations = db.Clients.Where(c => c.JobseekerId == jobseekerId && (c.Link == ClientLinks.Created || c.Link == ClientLinks.Linked))
            .Select(c => c.OrganizationId);
        var companies = db.Employers.Where(e => organizations.Contains(e.OrganizationId) && e.CompanyId != null && e.AcceptedAt != null && e.DeclinedAt == null)
            .Select(e => e.CompanyId!.Value);
        var vacancies = await db.Set<JobVacancy>().AsNoTracking().Include(v => v.Skills)
            .Where(v => v.State == VacancyStates.Open && companies.Contains(v.CompanyId))
            .OrderByDescending(v => v.PublishedAt).Take(10_000).ToListAsync(cancellationToken);
        if (vacancies.Count == 0)
        {
            return [];
        }

        var names = await db.Set<EmployerCompany>().AsNoTracking().Where(c => companies.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var evidence = new List<CredentialEvidence>();
        var credentials = await db.Credentials.AsNoTracking().Where(c => c.JobseekerId == jobseekerId && c.RevokedAt == null && c.SourceCredentialId == null).ToListAsync(cancellationToken);
        foreach (var credential in credentials)
        {
            var json = caseRecords.CredentialJson(credential);
            var result = await verifier.VerifyAsync(json, cancellationToken);
            var document = result.Credential?.Document ?? JsonNode.Parse(json) as JsonObject ?? [];
            evidence.Add(AlignmentExtractor.Extract(document).ToEvidence(result.Verified, credential.Id.ToString("D")));
        }

        var profile = ApplicantProfile.Create(jobseekerId.ToString("D"), time.GetUtcNow(), evidence, []);
        var byId = new Dictionary<string, JobVacancy>(StringComparer.Ordinal);
        var entries = new List<(string, Vacancy)>();
        foreach (var vacancy in vacancies)
        {
            var skills = vacancy.Skills.OrderBy(s => s.Position).Select(s => VacancySkill.Of(s.Code, (SkillCategory)s.Category));
            if (Vacancy.Create(skills, requiresWorkAuthorization: false) is { IsSuccess: true } matching)
            {
                byId[vacancy.Id.ToString("D")] = vacancy;
                entries.Add((vacancy.Id.ToString("D"), matching.Value));
            }
        }

        var ranking = VacancyIndex.Build(entries).Rank(profile);
        var fits = new List<JobFit>();
        for (var rank = 0; rank < Math.Min(take, ranking.Count); rank++)
        {
            var vacancy = byId[ranking.IdAt(rank)];
            fits.Add(new JobFit(vacancy, names.GetValueOrDefault(vacancy.CompanyId, ""), ranking.Explain(rank)));
        }

        return fits;
    }
}
