using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Reports;

/// <summary>
/// The pilot report for an organization's admins: a funnel chart (SVG drawn here) beside its table for the chosen group,
/// the table of every group of the chosen dimension, the CSV of that table, and the funder keys. Viewing and exporting
/// are audited; nothing on it names a person.
/// </summary>
public sealed class IndexModel(PilotReports reports, ReportKeys keys, AuditTrail audit, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? By { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Group { get; set; }

    public FunnelReport? Report { get; private set; }

    public ReportRow? Selected { get; private set; }

    public string? Error { get; private set; }

    public string? Secret { get; private set; }

    public List<ReportKey> Keys { get; private set; } = [];

    /// <summary>The organization's first report is being built (a large organization): nothing to show yet.</summary>
    public bool IsPreparing { get; private set; }

    public static string Preparing => L.Key("The report is being prepared. Reload this page in a minute.");

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        await audit.RecordAsync(AuditActions.ReportViewed, "report", User.OrganizationId(), User.OrganizationId(), detail: By, cancellationToken: HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync()
    {
        var dimension = By is null ? ReportDimension.Site : ReportDimensions.Parse(By);
        if (dimension is null)
        {
            return BadRequest();
        }

        var report = await reports.BuildAsync(User.OrganizationId(), dimension.Value, HttpContext.RequestAborted);
        if (report is null)
        {
            // The page says the report is being prepared.
            return Redirect("/organization/report?by=" + ReportDimensions.Id(dimension.Value));
        }

        await audit.RecordAsync(AuditActions.ReportExported, "report", User.OrganizationId(), User.OrganizationId(), detail: ReportDimensions.Id(dimension.Value), cancellationToken: HttpContext.RequestAborted);
        Response.Headers.CacheControl = "no-store";
        var text = ReportCsv.ToText(report, s => localizer[s]);
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray(), "text/csv; charset=utf-8",
            "pilot-report-" + ReportDimensions.Id(dimension.Value) + ".csv");
    }

    public async Task<IActionResult> OnPostCreateKeyAsync([TextField(TextLimits.Short)] string? name)
    {
        var created = await keys.CreateAsync(User.OrganizationId(), name ?? "", User.StaffId(), HttpContext.RequestAborted);
        if (created is null)
        {
            TempData["message"] = L.Key("You have reached the limit of report keys. Revoke one you no longer use.");
            return Redirect("/organization/report#funder-keys");
        }

        Secret = created.Value.Secret;
        Response.Headers.CacheControl = "no-store";
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeKeyAsync(Guid keyId)
    {
        TempData["message"] = await keys.RevokeAsync(User.OrganizationId(), keyId, HttpContext.RequestAborted)
            ? L.Key("The report key is revoked. The funder's system can no longer read the report.")
            : L.Key("This key was already revoked.");
        return Redirect("/organization/report#funder-keys");
    }

    private async Task<bool> LoadAsync()
    {
        Keys = await keys.ListAsync(User.OrganizationId(), HttpContext.RequestAborted);
        var dimension = By is null ? ReportDimension.Site : ReportDimensions.Parse(By);
        if (dimension is null)
        {
            Error = L.Key("Choose how to group the report: site, program, cohort, client language or month.");
            return false;
        }

        By = ReportDimensions.Id(dimension.Value);
        Report = await reports.BuildAsync(User.OrganizationId(), dimension.Value, HttpContext.RequestAborted);
        if (Report is null)
        {
            IsPreparing = true;
            return true;
        }

        Selected = Group is null ? Report.Total : Report.Rows.FirstOrDefault(r => r.Key == Group);
        if (Selected is null)
        {
            Error = L.Key("That group is not in the report. Choose one from the table.");
            Selected = Report.Total;
            return false;
        }

        return true;
    }
}
