using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Demo;

namespace OpenLer.Server.Features.Employers;

/// <summary>
/// The employers' part of the demo (after the core seeder): the demo employer Desert Logistics gets a company account and
/// a hiring manager, two published vacancies with applicants (a second credential, "Warehouse Safety", lets the first
/// jobseeker apply with two), an outcome, and a job developer's suggestion that waits for the person's answer; the
/// start-up text says how to sign in as the employer.
/// </summary>
public sealed class EmployersDemo(
    AppDbContext db, EmployerAccounts accounts, Vacancies vacancies, Applications applications, Caseload caseload, CredentialIssuer issuer,
    People people, TimeProvider time) : IDemoSeeder
{
    public const string EmployerEmail = "dana@desertlogistics.example";
    public const string EmployerName = "Desert Logistics";

    public int Order => 10;

    public async Task SeedAsync(DemoContext context, bool firstRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var org = context.Get<Organization>("org");
        var entry = await db.Employers.FirstOrDefaultAsync(e => e.OrganizationId == org.Id && e.Name == EmployerName, cancellationToken);
        if (entry is null)
        {
            return;
        }

        if (entry.CompanyId is null)
        {
            await SeedAsync(org, entry, cancellationToken);
        }

        var tokens = await db.Set<JobVacancy>().AsNoTracking().Where(v => v.CompanyId == entry.CompanyId && v.State == VacancyStates.Open)
            .OrderBy(v => v.CreatedAt).Select(v => new { v.Title, v.PublicToken }).ToListAsync(cancellationToken);
        context.Say("Employer", $"{EmployerName} hiring manager: {EmployerEmail}, a one-time code (demo mode shows it on screen) -> {context.BaseUrl}/employer/sign-in");
        foreach (var vacancy in tokens)
        {
            context.Say("Employer", $"Job \"{vacancy.Title}\" (applicants apply here): {context.BaseUrl}/jobs/{vacancy.PublicToken}");
        }

        context.Say("Staff", $"Job developers: jobs at the organization's employers and suggestions -> {context.BaseUrl}/placements");
    }

    private async Task SeedAsync(Organization org, Employer entry, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginOrJoinAsync(cancellationToken);
        var invited = await accounts.InviteAsync(org.Id, entry.Id, "Dana Miller", EmployerEmail, "en", cancellationToken);
        if (!invited.IsSuccess)
        {
            throw new InvalidOperationException("Demo employer: " + invited.Error.Message);
        }

        var amina = await PersonAsync(DemoData.JobseekerContacts[0], cancellationToken);
        var farid = await PersonAsync(DemoData.JobseekerContacts[1], cancellationToken);
        var dawit = await PersonAsync(DemoData.JobseekerContacts[2], cancellationToken);

        // A second program, so the first jobseeker can apply with two credentials.
        var program = new AchievementProgram
        {
            Id = Guid.NewGuid(),
            OrganizationId = org.Id,
            Name = "Warehouse Safety",
            Description = "Safe lifting, pallet jack and forklift basics, stock checks and quality control in a warehouse.",
            Criteria = "Completed the 2-week warehouse safety course and its practical test.",
            Alignments = "2.B.3.h\n2.A.2.d\n2.B.3.m\n53-7065.00",
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Programs.Add(program);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var person in new[] { amina, dawit })
        {
            var client = await db.Clients.FirstAsync(c => c.OrganizationId == org.Id && c.JobseekerId == person, cancellationToken);
            var enrollment = await caseload.EnrollAsync(org.Id, client.Id, program.Id, "2026 Autumn", cancellationToken);
            await caseload.CompleteAsync(org.Id, enrollment!.Id, "Passed the practical test: pallet jack, stock count, safe lifting.", null, cancellationToken);
            var issued = await issuer.IssueAsync(org.Id, enrollment.Id, cancellationToken);
            if (!issued.IsSuccess)
            {
                throw new InvalidOperationException("Demo employer: " + issued.Error.Message);
            }
        }

        var company = entry.CompanyId!.Value;
        var user = await db.Set<EmployerUser>().FirstAsync(u => u.CompanyId == company, cancellationToken);
        var warehouse = await VacancyAsync(company, user.Id, "53-7065.00", new VacancyDetails("Warehouse Associate", "Des Moines, IA", "Full time, day shift", "Basic English", false),
            new() { ["2.A.1.b"] = "3", ["2.A.1.a"] = "2", ["2.A.2.d"] = "2" }, ["2.B.3.h", "2.B.5.a"], cancellationToken);
        var housekeeping = await VacancyAsync(company, user.Id, "37-2012.00", new VacancyDetails("Room Attendant", "Tucson, AZ", "Part time, mornings", "Basic English or Spanish", true),
            new() { ["2.B.1.f"] = "3", ["2.B.5.a"] = "2" }, ["2.B.3.m"], cancellationToken);

        var first = await ApplyAsync(amina, warehouse, ["2.A.1.a"], cancellationToken);
        await ApplyAsync(farid, warehouse, ["2.B.3.h"], cancellationToken);
        await ApplyAsync(dawit, housekeeping, [], cancellationToken);
        await ApplyAsync(farid, housekeeping, ["2.B.1.f"], cancellationToken);
        await applications.MarkAsync(first, ApplicationOutcomes.Interviewed, cancellationToken);
        var dawitClient = await db.Clients.FirstAsync(c => c.OrganizationId == org.Id && c.JobseekerId == dawit, cancellationToken);
        var suggested = await applications.SuggestAsync(org.Id, "demo", dawitClient, warehouse.Id, cancellationToken);
        if (!suggested.IsSuccess)
        {
            throw new InvalidOperationException("Demo employer: " + suggested.Error.Message);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<Guid> PersonAsync(string contact, CancellationToken cancellationToken) =>
        (await people.FindAsync(Contacts.Normalize(contact)!, cancellationToken))!.Id;

    private async Task<JobVacancy> VacancyAsync(Guid company, Guid user, string occupation, VacancyDetails details, Dictionary<string, string> categories,
        string[] extra, CancellationToken cancellationToken)
    {
        var vacancy = (await vacancies.CreateAsync(company, user, occupation, details, cancellationToken)).Value;
        foreach (var code in extra)
        {
            vacancy = (await vacancies.AddSkillAsync(vacancy, code, "1", cancellationToken)).Value;
        }

        vacancy = (await vacancies.SetSkillsAsync(vacancy, categories, null, cancellationToken)).Value;
        return (await vacancies.PublishAsync(vacancy, cancellationToken)).Value;
    }

    private async Task<JobApplication> ApplyAsync(Guid jobseekerId, JobVacancy vacancy, string[] selfReported, CancellationToken cancellationToken)
    {
        var credentials = await db.Credentials.Where(c => c.JobseekerId == jobseekerId && c.SourceCredentialId == null).Select(c => c.Id).ToListAsync(cancellationToken);
        var jobseeker = await db.Jobseekers.FirstAsync(j => j.Id == jobseekerId, cancellationToken);
        var applied = await applications.ApplyAsync(jobseekerId, vacancy, new ApplyRequest(credentials, selfReported, people.Name(jobseeker), false, true), cancellationToken);
        return applied.IsSuccess ? applied.Value : throw new InvalidOperationException("Demo employer: " + applied.Error.Message);
    }
}
