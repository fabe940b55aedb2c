using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Issuance.Bulk;

/// <summary>Upload a cohort's completions (CSV) for a preview; the organization's recent uploads the staff member may see.</summary>
public sealed class UploadModel(AppDbContext db, BulkImports imports, StaffScope scope) : PageModel
{
    public List<Site> Sites { get; private set; } = [];

    public List<BulkImport> Recent { get; private set; } = [];

    public FileProblem? Problem { get; private set; }

    public bool CanEdit => scope.CanEdit;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync(IFormFile? file, Guid? siteId)
    {
        if (!scope.CanEdit)
        {
            return Forbid();
        }

        if (siteId is { } chosen && !await scope.MayUseSiteAsync(chosen))
        {
            return NotFound();
        }

        if (siteId is null && !scope.IsAdmin)
        {
            Problem = new FileProblem(L.Key("Choose the site the people in this file belong to."));
            await LoadAsync();
            return Page();
        }

        if (file is null || file.Length == 0)
        {
            Problem = new FileProblem(L.Key("Choose a CSV file to upload."));
            await LoadAsync();
            return Page();
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, HttpContext.RequestAborted);
        var sites = scope.IsAdmin ? null : await scope.SitesAsync();
        var (import, problem) = await imports.CreateAsync(scope.OrganizationId, siteId, buffer.ToArray(),
            new BulkImports.Uploader(scope.StaffId, (AuditActors.Staff, scope.StaffId), sites), HttpContext.RequestAborted);
        if (problem is not null)
        {
            Problem = problem;
            await LoadAsync();
            return Page();
        }

        return Redirect($"/issuance/bulk/{import!.Id}");
    }

    private async Task LoadAsync()
    {
        var org = scope.OrganizationId;
        var siteIds = await scope.SitesAsync();
        Sites = await db.Sites.AsNoTracking().Where(s => s.OrganizationId == org && siteIds.Contains(s.Id)).OrderBy(s => s.Name).ToListAsync();
        var recent = db.Set<BulkImport>().AsNoTracking().Where(i => i.OrganizationId == org);
        if (!scope.IsAdmin)
        {
            recent = recent.Where(i => i.SiteId != null && siteIds.Contains(i.SiteId.Value));
        }

        Recent = await recent.OrderByDescending(i => i.CreatedAt).Take(20).ToListAsync();
    }
}
