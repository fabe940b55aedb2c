using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Issuance;

namespace OpenLer.Server.Features.Employers.Placements;

/// <summary>
/// Outcomes per client for the staff member's sites: each application or suggestion of a visible client to a vacancy of
/// an employer the organization works with, where it stands and what the employer decided (the data pilot reporting counts).
/// </summary>
public sealed class OutcomesModel(AppDbContext db, StaffScope scope, CaseRecords records) : PageModel
{
    public sealed record Row(Guid ClientId, string Client, string Job, string Company, string Stage, string Outcome);

    public List<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var organization = scope.OrganizationId;
        var clients = await (await scope.ClientsAsync(HttpContext.RequestAborted)).AsNoTracking().Where(c => c.JobseekerId != null).ToListAsync(HttpContext.RequestAborted);
        var byPerson = clients.GroupBy(c => c.JobseekerId!.Value).ToDictionary(g => g.Key, g => g.First());
        var people = byPerson.Keys.ToList();
        var partners = db.Employers.Where(e => e.OrganizationId == organization && e.CompanyId != null && e.AcceptedAt != null).Select(e => e.CompanyId!.Value);
        var rows = await db.Set<JobApplication>().AsNoTracking().Where(a => people.Contains(a.JobseekerId) && partners.Contains(a.CompanyId))
            .Join(db.Set<JobVacancy>(), a => a.VacancyId, v => v.Id, (a, v) => new { a, v.Title })
            .Join(db.Set<EmployerCompany>(), x => x.a.CompanyId, c => c.Id, (x, c) => new { x.a, x.Title, Company = c.Name })
            .OrderByDescending(x => x.a.CreatedAt).Take(500).ToListAsync(HttpContext.RequestAborted);
        Rows = [.. rows.Select(x =>
        {
            var client = byPerson[x.a.JobseekerId];
            return new Row(client.Id, records.ClientName(client), x.Title, x.Company, x.a.Stage, x.a.Outcome);
        })];
    }
}
