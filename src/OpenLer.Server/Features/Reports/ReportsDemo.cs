using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpenLer.Credentials.Common;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Employers;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Features.Wallets;
using OpenLer.Server.Infrastructure.Demo;

namespace OpenLer.Server.Features.Reports;

/// <summary>
/// The report's part of the demo (after the employers' seeder): six monthly cohorts of eight people over the two sites
/// and the programs, in three languages, who go through the funnel at different rates (real clients and real signed
/// credentials; the later events dated back), so the pilot report shows a meaningful funnel; the start-up text says where it is.
/// </summary>
public sealed class ReportsDemo(AppDbContext db, Caseload caseload, CredentialIssuer issuer, TimeProvider time) : IDemoSeeder
{
    public const int Cohorts = 6;
    public const int PeoplePerCohort = 8;

    public int Order => 20;

    public async Task SeedAsync(DemoContext context, bool firstRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Items.TryGetValue("org", out var item) || item is not Organization org)
        {
            return;
        }

        if (firstRun)
        {
            await SeedHistoryAsync(org, cancellationToken);
        }

        context.Say("Staff", $"Pilot report (admins): the funnel by site, program, cohort, language and month, CSV and funder keys -> {context.BaseUrl}/organization/report");
    }

    private async Task SeedHistoryAsync(Organization org, CancellationToken cancellationToken)
    {
        var sites = await db.Sites.Where(s => s.OrganizationId == org.Id).OrderBy(s => s.Name).Select(s => s.Id).ToListAsync(cancellationToken);
        var programs = await db.Programs.Where(p => p.OrganizationId == org.Id).OrderBy(p => p.CreatedAt).Select(p => p.Id).ToListAsync(cancellationToken);
        if (sites.Count == 0 || programs.Count == 0)
        {
            return;
        }

        string[] languages = ["en", "es", "ar"];
        var now = time.GetUtcNow().UtcDateTime;
        var n = 0;
        for (var c = 0; c < Cohorts; c++)
        {
            var start = new DateTime(now.Year, now.Month, 3, 9, 0, 0, DateTimeKind.Utc).AddMonths(c - Cohorts);
            for (var p = 0; p < PeoplePerCohort; p++, n++)
            {
                var added = await caseload.AddClientAsync(org.Id, sites[n % sites.Count], "Pilot client " + (n + 1).ToString(CultureInfo.InvariantCulture),
                    "pilot" + (n + 1).ToString(CultureInfo.InvariantCulture) + "@example.org", languages[n % languages.Length], cancellationToken);
                if (added.Client?.JobseekerId is not { } jobseekerId)
                {
                    continue;
                }

                var enrollment = await caseload.EnrollAsync(org.Id, added.Client.Id, programs[c % programs.Count], start.ToString("yyyy-MM", CultureInfo.InvariantCulture), cancellationToken);
                var reached = Reached(c, p);
                enrollment!.EnrolledAt = start.AddHours(p);
                await db.SaveChangesAsync(cancellationToken);
                if (reached < 2)
                {
                    continue;
                }

                await caseload.CompleteAsync(org.Id, enrollment.Id, "Attended every session and passed the final check.", null, cancellationToken);
                enrollment.CompletedAt = enrollment.EnrolledAt.AddDays(21 + p);
                Outcome<IssuedCredential>? issued = null;
                if (reached >= 3)
                {
                    issued = await issuer.IssueAsync(org.Id, enrollment.Id, cancellationToken);
                }

                if (issued is not { IsSuccess: true })
                {
                    await db.SaveChangesAsync(cancellationToken);
                    continue;
                }

                var credential = issued.Value.Value;
                var at = enrollment.CompletedAt.Value.AddDays(1 + (p % 3));
                credential.IssuedAt = at;
                var jobseeker = await db.Jobseekers.FirstAsync(j => j.Id == jobseekerId, cancellationToken);
                if (reached >= 4)
                {
                    at = at.AddHours(6 + (10 * p));
                    jobseeker.FirstSignInAt = at;
                }

                if (reached >= 5)
                {
                    at = at.AddDays(2 + (p % 4));
                    var share = new Share
                    {
                        Id = Guid.NewGuid(), JobseekerId = jobseekerId, TokenHash = OfferService.HashToken(Guid.NewGuid().ToString("N")),
                        Nonce = Guid.NewGuid().ToString("N")[..22], CreatedAt = at, ExpiresAt = at.AddDays(90),
                    };
                    db.Shares.Add(share);
                    db.ShareItems.Add(new ShareItem { Id = Guid.NewGuid(), ShareId = share.Id, CredentialId = credential.Id });
                    if (reached >= 6)
                    {
                        at = at.AddHours(20 + (5 * p));
                        db.ShareOpens.Add(new ShareOpen { Id = Guid.NewGuid(), ShareId = share.Id, OpenedAt = at });
                    }

                    if (reached >= 7)
                    {
                        at = at.AddDays(3);
                        AddApplication(jobseekerId, share.Id, at, reached);
                    }
                }

                await db.SaveChangesAsync(cancellationToken);
            }
        }
    }

    /// <summary>How far person <paramref name="p"/> of cohort <paramref name="c"/> goes (1 = enrolled .. 9 = hired); later cohorts are earlier in it.</summary>
    private static int Reached(int c, int p)
    {
        var depth = 9 - (p % 6) - (c >= Cohorts - 2 ? 3 : 0);
        return Math.Clamp(depth, 1, 9);
    }

    private void AddApplication(Guid jobseekerId, Guid shareId, DateTime applied, int reached)
    {
        // An application to an employer outside the demo's own vacancies (the report reads its share and its events only).
        var application = new JobApplication
        {
            Id = Guid.NewGuid(), VacancyId = Guid.NewGuid(), CompanyId = Guid.NewGuid(), JobseekerId = jobseekerId, ShareId = shareId,
            Stage = ApplicationStages.Applied, CreatedAt = applied, AppliedAt = applied,
        };
        db.Set<JobApplication>().Add(application);
        db.Set<ApplicationEvent>().Add(new ApplicationEvent { Id = Guid.NewGuid(), ApplicationId = application.Id, Kind = ApplicationStages.Applied, ActorKind = "jobseeker", At = applied });
        if (reached >= 8)
        {
            db.Set<ApplicationEvent>().Add(new ApplicationEvent { Id = Guid.NewGuid(), ApplicationId = application.Id, Kind = ApplicationOutcomes.Interviewed, ActorKind = "employer", At = applied.AddDays(5) });
            application.Outcome = ApplicationOutcomes.Interviewed;
        }

        if (reached >= 9)
        {
            db.Set<ApplicationEvent>().Add(new ApplicationEvent { Id = Guid.NewGuid(), ApplicationId = application.Id, Kind = ApplicationOutcomes.Hired, ActorKind = "employer", At = applied.AddDays(12) });
            application.Outcome = ApplicationOutcomes.Hired;
        }
    }
}
