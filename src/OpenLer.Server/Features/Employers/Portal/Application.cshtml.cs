using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenLer.Credentials.Matching;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Features.Programs;
using OpenLer.Server.Features.Wallet;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;
using OpenLer.Server.Infrastructure.Printing;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Employers.Portal;

/// <summary>
/// One application to the company (another company's, or a suggestion the person has not agreed to, answers 404): what
/// the person shared, each credential verified now, the explained match, the outcome the employer marks, and the exports
/// (LER-RS JSON validated against its schema, a one-page PDF resume in the person's language or English). Views and
/// exports are audited; viewing records an opening of the share, which the person sees.
/// </summary>
public sealed class ApplicationModel(
    AppDbContext db, EmployerScope scope, ApplicantMatching matching, Applications applications, EmployerRecords records, SelfReportedRecords selfReported,
    LerRsExports lerRs, Resumes resumes, ChromiumPdf pdf, ProgramTexts programTexts, AuditTrail audit) : PageModel
{
    public sealed record CredentialItem(SharedCredentialCheck Check, CredentialView View);

    [FromRoute]
    public Guid Id { get; set; }

    public JobVacancy Vacancy { get; private set; } = null!;

    public ApplicantEvidence Evidence { get; private set; } = null!;

    public ApplicantMatch? Match { get; private set; }

    public string DisplayName { get; private set; } = "";

    public string? Contact { get; private set; }

    public List<CredentialItem> Credentials { get; private set; } = [];

    /// <summary>Each shared credential's program text for the reader (by credential id), matched through its enrollment as the wallet does.</summary>
    public Dictionary<Guid, ProgramText> Programs { get; private set; } = [];

    public IReadOnlyList<string> SelfReported { get; private set; } = [];

    public List<string> Experience { get; private set; } = [];

    public Language ApplicantLanguage { get; private set; } = Languages.Default;

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Message = TempData["message"] as string;
        if (!await LoadAsync(recordOpen: true))
        {
            return NotFound();
        }

        await audit.RecordAsync(AuditActions.ApplicationViewed, "application", Id);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostOutcomeAsync([TextField(TextLimits.Short)] string? outcome)
    {
        if (await scope.FindApplicationAsync(Id, HttpContext.RequestAborted) is not { } application)
        {
            return NotFound();
        }

        var marked = await applications.MarkAsync(application, outcome, HttpContext.RequestAborted);
        if (!marked.IsSuccess)
        {
            Error = marked.Error.Message;
            db.ChangeTracker.Clear();
            await LoadAsync(recordOpen: false);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        TempData["message"] = L.Key("Saved. The applicant sees it in their wallet.");
        return Redirect($"/employer/applications/{Id}");
    }

    public async Task<IActionResult> OnGetLerRsAsync()
    {
        if (!await LoadAsync(recordOpen: true))
        {
            return NotFound();
        }

        var document = await lerRs.BuildAsync(Evidence, HttpContext.RequestAborted);
        if (!document.IsSuccess)
        {
            // The builder always emits valid documents; a failure is a defect, never sent half-valid.
            throw new InvalidOperationException(document.Error.Message);
        }

        await audit.RecordAsync(AuditActions.Export, "application", Id, detail: "ler-rs");
        Response.Headers.CacheControl = "no-store";
        return File(Encoding.UTF8.GetBytes(document.Value.ToJsonString()), "application/json", $"application-{Id:N}.ler-rs.json");
    }

    public async Task<IActionResult> OnGetResumeAsync([TextField(TextLimits.Short)] string? lang)
    {
        if (!await LoadAsync(recordOpen: true))
        {
            return NotFound();
        }

        var language = Languages.IsSupported(lang) && (Languages.Find(lang).Code == ApplicantLanguage.Code || Languages.Find(lang).Code == "en")
            ? Languages.Find(lang) : ApplicantLanguage;
        if (!pdf.IsAvailable)
        {
            Error = L.Key("PDF resumes are not available on this server (Chromium is not installed). Use the LER-RS download or print this page.");
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }

        var html = await resumes.RenderAsync(Evidence, Vacancy, language.Code, HttpContext.RequestAborted);
        var printed = await pdf.RenderAsync(html, HttpContext.RequestAborted);
        if (!printed.IsSuccess)
        {
            Error = L.Key("The PDF could not be made just now. Try again in a minute.");
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }

        await audit.RecordAsync(AuditActions.Export, "application", Id, detail: "resume-pdf:" + language.Code);
        Response.Headers.CacheControl = "no-store";
        return File(printed.Value, "application/pdf", $"resume-{Id:N}-{language.Code}.pdf");
    }

    private async Task<bool> LoadAsync(bool recordOpen)
    {
        if (await scope.FindApplicationAsync(Id, HttpContext.RequestAborted) is not { } application
            || await scope.FindVacancyAsync(application.VacancyId, HttpContext.RequestAborted) is not { } vacancy)
        {
            return false;
        }

        Vacancy = vacancy;
        Evidence = await matching.EvidenceAsync(application, recordOpen, HttpContext.RequestAborted);
        var explained = ApplicantMatching.Explain(vacancy, Evidence);
        Match = explained.IsSuccess ? explained.Value : null;
        DisplayName = records.DisplayName(application);
        Contact = records.Contact(application);
        Credentials = [.. Evidence.Credentials.Select(c => new CredentialItem(c, CredentialView.From(JsonNode.Parse(c.Json)!.AsObject())))];
        Programs = await programTexts.ForCredentialsAsync([.. Evidence.Credentials.Select(c => c.CredentialId)], Languages.Current.Code, HttpContext.RequestAborted);
        SelfReported = [.. Evidence.SelfReported.Where(c => Evidence.Profile.EvidenceFor(c) == EvidenceKind.SelfReported)];
        if (application.ShareExperience && Evidence.ShareState == Sharing.ShareState.Open)
        {
            var entries = await db.SelfReported.AsNoTracking().Where(e => e.JobseekerId == application.JobseekerId && e.Kind == "work").OrderBy(e => e.CreatedAt).ToListAsync(HttpContext.RequestAborted);
            Experience = [.. entries.Select(selfReported.Description)];
        }

        var language = await db.Jobseekers.Where(j => j.Id == application.JobseekerId).Select(j => j.Language).FirstOrDefaultAsync(HttpContext.RequestAborted);
        ApplicantLanguage = Languages.Find(language);
        return true;
    }
}
