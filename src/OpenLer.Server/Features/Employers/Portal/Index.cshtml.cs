using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Employers.Portal;

/// <summary>The employer's home: their company's jobs with applicant counts, the organizations they work with, and requests to answer.</summary>
public sealed class IndexModel(AppDbContext db, EmployerScope scope, EmployerAccounts accounts) : PageModel
{
    public sealed record Row(Guid Id, string Title, string State, int Applicants);

    public sealed record PartnerRequest(Guid Id, string Organization);

    public string Company { get; private set; } = "";

    public List<Row> Vacancies { get; private set; } = [];

    public List<PartnerRequest> Requests { get; private set; } = [];

    public List<string> Partners { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task OnGetAsync()
    {
        Message = TempData["message"] as string;
        var company = await scope.CompanyAsync(HttpContext.RequestAborted);
        Company = company.Name;
        var applied = scope.Applications();
        Vacancies = await scope.Vacancies().OrderByDescending(v => v.CreatedAt)
            .Select(v => new Row(v.Id, v.Title, v.State, applied.Count(a => a.VacancyId == v.Id))).ToListAsync(HttpContext.RequestAborted);
        var entries = await db.Employers.AsNoTracking().Where(e => e.CompanyId == company.Id && e.DeclinedAt == null)
            .Join(db.Organizations, e => e.OrganizationId, o => o.Id, (e, o) => new { e.Id, e.AcceptedAt, o.Name }).ToListAsync(HttpContext.RequestAborted);
        Requests = [.. entries.Where(e => e.AcceptedAt is null).Select(e => new PartnerRequest(e.Id, e.Name))];
        Partners = [.. entries.Where(e => e.AcceptedAt is not null).Select(e => e.Name).Order(StringComparer.CurrentCulture)];
    }

    public async Task<IActionResult> OnPostAnswerAsync(Guid entryId, bool accept)
    {
        if (!await accounts.AnswerAsync(scope.CompanyId, entryId, accept, HttpContext.RequestAborted))
        {
            return NotFound();
        }

        TempData["message"] = accept ? L.Key("You now work with this organization.") : L.Key("You said no. The organization sees nothing of yours.");
        return Redirect("/employer");
    }
}
