using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Issuance.Bulk;

/// <summary>
/// One upload: the preview (counts, row-level problems, issue or discard), then the job's progress, which the page
/// refreshes by itself while it runs (a meta refresh: no JavaScript), and its outcome.
/// </summary>
public sealed class JobModel(BulkImports imports, BulkIssuanceSignal signal, StaffScope scope) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public BulkImport Import { get; private set; } = new();

    public List<BulkImportRow> Problems { get; private set; } = [];

    public List<(string Problem, int Count)> ProblemCounts { get; private set; } = [];

    public string? Message { get; private set; }

    public bool CanEdit => scope.CanEdit;

    public bool InProgress => Import.State is BulkImportStates.Queued or BulkImportStates.Running;

    /// <summary>Done rows in per cent of all rows.</summary>
    public int Percent => Import.TotalRows == 0 ? 100 : (int)(100L * Import.Done / Import.TotalRows);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        Message = TempData["message"] as string;
        return Page();
    }

    public async Task<IActionResult> OnPostIssueAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (await imports.QueueAsync(scope.OrganizationId, Id, (AuditActors.Staff, scope.StaffId), HttpContext.RequestAborted))
        {
            signal.Wake();
            TempData["message"] = L.Key("Issuing has started. You can leave this page: it carries on, also if the server restarts.");
        }

        return Redirect($"/issuance/bulk/{Id}");
    }

    public async Task<IActionResult> OnPostDiscardAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        await imports.DiscardAsync(scope.OrganizationId, Id, (AuditActors.Staff, scope.StaffId), HttpContext.RequestAborted);
        TempData["message"] = L.Key("The upload was discarded. Nothing was issued.");
        return Redirect("/issuance/bulk");
    }

    /// <summary>The import when it is this organization's and (for site staff) of one of their sites.</summary>
    private async Task<bool> LoadAsync()
    {
        var import = await imports.FindAsync(scope.OrganizationId, Id, HttpContext.RequestAborted);
        if (import is null || (!scope.IsAdmin && (import.SiteId is not { } site || !await scope.MayUseSiteAsync(site))))
        {
            return false;
        }

        Import = import;
        Problems = await imports.ProblemsAsync(import.Id, cancellationToken: HttpContext.RequestAborted);
        ProblemCounts = await imports.ProblemCountsAsync(import.Id, HttpContext.RequestAborted);
        return true;
    }
}
