using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Employers.Placements;

/// <summary>
/// A job developer's view: the open vacancies of the employers the organization works with, and "suggest to a client" for
/// clients of their sites whose account is linked (the person decides in their wallet). Viewers see, but cannot suggest.
/// </summary>
public sealed class IndexModel(AppDbContext db, StaffScope scope, Applications applications, CaseRecords records) : PageModel
{
    public sealed record Row(JobVacancy Vacancy, string Company);

    public sealed record ClientRow(Guid Id, string Name);

    public List<Row> Vacancies { get; private set; } = [];

    public List<ClientRow> Clients { get; private set; } = [];

    public bool CanEdit => scope.CanEdit;

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync()
    {
        Message = TempData["message"] as string;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostSuggestAsync(Guid vacancyId, Guid clientId)
    {
        if (!scope.CanEdit)
        {
            return Forbid();
        }

        if (await scope.FindClientAsync(clientId, HttpContext.RequestAborted) is not { } client)
        {
            return NotFound();
        }

        var suggested = await applications.SuggestAsync(scope.OrganizationId, scope.StaffId, client, vacancyId, HttpContext.RequestAborted);
        if (!suggested.IsSuccess)
        {
            Error = suggested.Error.Message;
            db.ChangeTracker.Clear();
            await LoadAsync();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        TempData["message"] = L.Key("Suggested. The client sees it in their wallet and decides.");
        return Redirect("/placements");
    }

    private async Task LoadAsync()
    {
        var organization = scope.OrganizationId;
        var vacancies = await applications.PartnerVacancies(organization).AsNoTracking().Include(v => v.Skills)
            .OrderByDescending(v => v.PublishedAt).Take(200).ToListAsync(HttpContext.RequestAborted);
        var companyIds = vacancies.Select(v => v.CompanyId).Distinct().ToList();
        var names = await db.Employers.AsNoTracking().Where(e => e.OrganizationId == organization && e.CompanyId != null && companyIds.Contains(e.CompanyId!.Value))
            .ToDictionaryAsync(e => e.CompanyId!.Value, e => e.Name, HttpContext.RequestAborted);
        Vacancies = [.. vacancies.Select(v => new Row(v, names.GetValueOrDefault(v.CompanyId, "")))];
        var clients = await (await scope.ClientsAsync(HttpContext.RequestAborted)).AsNoTracking()
            .Where(c => c.JobseekerId != null && (c.Link == ClientLinks.Created || c.Link == ClientLinks.Linked)).ToListAsync(HttpContext.RequestAborted);
        Clients = [.. clients.Select(c => new ClientRow(c.Id, records.ClientName(c))).OrderBy(c => c.Name, StringComparer.CurrentCulture)];
    }
}
