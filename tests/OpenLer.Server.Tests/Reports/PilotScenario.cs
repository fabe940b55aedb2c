using Microsoft.Extensions.DependencyInjection;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Employers;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Reports;

/// <summary>
/// A seeded pilot whose every funnel number and median is worked out by hand (see the expectations in
/// <see cref="PilotReportTests"/>): North, Welding, March 2026, 10 people; South, Welding, April 2026, 6 people; East,
/// Cooking, May 2026, one person who reaches every step (so every table differs from another by one person).
/// </summary>
internal static class PilotScenario
{
    /// <summary>One person: site, program, language, enrollment time and the hours from each step to the next one reached.</summary>
    private sealed record Person(string Site, string Program, string Language, DateTime Enrolled, double?[] Hours);

    public static readonly DateTime March = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime April = new(2026, 4, 6, 9, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime May = new(2026, 5, 4, 9, 0, 0, DateTimeKind.Utc);

    private static IEnumerable<Person> People()
    {
        // North: completed after i days (i = 1..8); issued 1 h later (1..7); first sign-in 2i h later (1..6); shared 24 h
        // later (1..5); opened i h later (1..5); applied 48 h later (1..3); interviewed 72 h later (1..2); hired 168 h later (1).
        for (var i = 1; i <= 10; i++)
        {
            double?[] h =
            [
                i <= 8 ? 24 * i : null, i <= 7 ? 1 : null, i <= 6 ? 2 * i : null, i <= 5 ? 24 : null, i <= 5 ? i : null,
                i <= 3 ? 48 : null, i <= 2 ? 72 : null, i <= 1 ? 168 : null,
            ];
            yield return new Person("North", "Welding", i <= 6 ? "en" : "ar", March, h);
        }

        // South: everyone completes (48 h) and is issued (2 h); persons 1..5 sign in (person 1 five days before the issue,
        // counted as 0; the others 4 h after), share (12 h), are opened (6 h), apply (24 h), are interviewed (48 h);
        // persons 1..4 are hired (120 h).
        for (var i = 1; i <= 6; i++)
        {
            double?[] h =
            [
                48, 2, i == 1 ? -120 : i <= 5 ? 4 : null, i <= 5 ? 12 : null, i <= 5 ? 6 : null, i <= 5 ? 24 : null,
                i <= 5 ? 48 : null, i <= 4 ? 120 : null,
            ];
            yield return new Person("South", "Welding", "es", April, h);
        }

        // East: one person, every step a day after the one before.
        yield return new Person("East", "Cooking", "es", May, [24, 24, 24, 24, 24, 24, 24, 24]);
    }

    /// <summary>Seeds the scenario in the organization (and noise that must not count: a delivered copy, another organization's data).</summary>
    public static async Task SeedAsync(OpenLerFactory app, Organization org, Guid? otherOrganization = null) =>
        await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            var sites = db.Sites.Where(s => s.OrganizationId == org.Id).ToDictionary(s => s.Name, s => s.Id);
            var programs = new Dictionary<string, Guid>();
            foreach (var name in new[] { "Welding", "Cooking" })
            {
                var program = new AchievementProgram { Id = Guid.NewGuid(), OrganizationId = org.Id, Name = name, CreatedAt = March };
                db.Programs.Add(program);
                programs[name] = program.Id;
            }

            var index = 0;
            foreach (var person in People())
            {
                index++;
                AddPerson(db, org.Id, sites[person.Site], programs[person.Program], person, index, copy: index == 1);
            }

            if (otherOrganization is { } other)
            {
                var program = new AchievementProgram { Id = Guid.NewGuid(), OrganizationId = other, Name = "Other program", CreatedAt = March };
                db.Programs.Add(program);
                for (var i = 0; i < 7; i++)
                {
                    AddPerson(db, other, null, program.Id, new Person("", "", "en", March, [24, 1, 1, 1, 1, 1, 1, 1]), 100 + i, copy: false);
                }
            }

            await db.SaveChangesAsync();
            return 0;
        });

    private static void AddPerson(AppDbContext db, Guid organizationId, Guid? siteId, Guid programId, Person person, int index, bool copy)
    {
        var jobseeker = new Jobseeker { Id = Guid.NewGuid(), CreatedAt = person.Enrolled, Language = person.Language };
        var client = new Client
        {
            Id = Guid.NewGuid(), OrganizationId = organizationId, SiteId = siteId, JobseekerId = jobseeker.Id, Language = person.Language,
            CreatedAt = person.Enrolled,
        };
        var enrollment = new Enrollment { Id = Guid.NewGuid(), OrganizationId = organizationId, ClientId = client.Id, ProgramId = programId, Cohort = "c", EnrolledAt = person.Enrolled };
        db.Jobseekers.Add(jobseeker);
        db.Clients.Add(client);
        db.Enrollments.Add(enrollment);
        var at = new DateTime?[FunnelLength];
        at[0] = person.Enrolled;
        var latest = person.Enrolled;
        for (var k = 1; k < FunnelLength; k++)
        {
            // Each step follows the latest one so far (a sign-in before the issue does not move the next steps back).
            at[k] = at[k - 1] is not null && person.Hours[k - 1] is { } hours ? latest.AddHours(hours) : null;
            latest = at[k] is { } t && t > latest ? t : latest;
        }

        enrollment.CompletedAt = at[1];
        if (at[2] is not { } issued)
        {
            return;
        }

        var credential = new IssuedCredential
        {
            Id = Guid.NewGuid(), OrganizationId = organizationId, EnrollmentId = enrollment.Id, JobseekerId = jobseeker.Id, AchievementName = "A",
            IssuedAt = issued, StatusListNumber = 1, StatusListIndex = index,
        };
        db.Credentials.Add(credential);
        if (copy)
        {
            // A copy delivered to another wallet: the same enrollment, never counted twice.
            db.Credentials.Add(new IssuedCredential
            {
                Id = Guid.NewGuid(), OrganizationId = organizationId, EnrollmentId = enrollment.Id, JobseekerId = jobseeker.Id, AchievementName = "A",
                IssuedAt = issued.AddHours(1), StatusListNumber = 1, StatusListIndex = 10_000 + index, SourceCredentialId = credential.Id, OfferId = Guid.NewGuid(),
            });
        }

        jobseeker.FirstSignInAt = at[3];
        if (at[4] is not { } shared)
        {
            return;
        }

        var share = new Share { Id = Guid.NewGuid(), JobseekerId = jobseeker.Id, TokenHash = Guid.NewGuid().ToString("N"), Nonce = "n", CreatedAt = shared, ExpiresAt = shared.AddDays(90) };
        db.Shares.Add(share);
        db.ShareItems.Add(new ShareItem { Id = Guid.NewGuid(), ShareId = share.Id, CredentialId = credential.Id });
        if (at[5] is { } opened)
        {
            db.ShareOpens.Add(new ShareOpen { Id = Guid.NewGuid(), ShareId = share.Id, OpenedAt = opened });
            db.ShareOpens.Add(new ShareOpen { Id = Guid.NewGuid(), ShareId = share.Id, OpenedAt = opened.AddHours(30) });
        }

        if (at[6] is not { } applied)
        {
            return;
        }

        // The application carries its own share of the credential (as the apply page makes it).
        var applicationShare = new Share { Id = Guid.NewGuid(), JobseekerId = jobseeker.Id, TokenHash = Guid.NewGuid().ToString("N"), Nonce = "n", CreatedAt = applied, ExpiresAt = applied.AddDays(90) };
        db.Shares.Add(applicationShare);
        db.ShareItems.Add(new ShareItem { Id = Guid.NewGuid(), ShareId = applicationShare.Id, CredentialId = credential.Id });
        var application = new JobApplication
        {
            Id = Guid.NewGuid(), VacancyId = Guid.NewGuid(), CompanyId = Guid.NewGuid(), JobseekerId = jobseeker.Id, ShareId = applicationShare.Id,
            CreatedAt = applied, AppliedAt = applied,
        };
        db.Set<JobApplication>().Add(application);
        db.Set<ApplicationEvent>().Add(new ApplicationEvent { Id = Guid.NewGuid(), ApplicationId = application.Id, Kind = ApplicationStages.Applied, ActorKind = "jobseeker", At = applied });
        if (at[7] is { } interviewed)
        {
            db.Set<ApplicationEvent>().Add(new ApplicationEvent { Id = Guid.NewGuid(), ApplicationId = application.Id, Kind = ApplicationOutcomes.Interviewed, ActorKind = "employer", At = interviewed });
            application.Outcome = ApplicationOutcomes.Interviewed;
        }

        if (at[8] is { } hired)
        {
            db.Set<ApplicationEvent>().Add(new ApplicationEvent { Id = Guid.NewGuid(), ApplicationId = application.Id, Kind = ApplicationOutcomes.Hired, ActorKind = "employer", At = hired });
            application.Outcome = ApplicationOutcomes.Hired;
        }
    }

    private const int FunnelLength = 9;
}
