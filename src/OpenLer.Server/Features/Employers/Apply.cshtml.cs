using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenLer.Credentials.Matching;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Features.WorkAuthorization;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Employers;

/// <summary>
/// A vacancy's public page (its link and QR code): anyone sees the job; a signed-in jobseeker picks credentials, reports
/// skills, chooses what the employer sees and applies (a share bound to the application), or answers a job developer's
/// suggestion. Not signed in, "apply" leads to the sign-in and back here.
/// </summary>
[NoIndex]
public sealed class ApplyModel(AppDbContext db, Applications applications, CaseRecords caseRecords, People people) : PageModel
{
    public sealed record CredentialChoice(Guid Id, string Name, IReadOnlyList<string> Proves);

    /// <summary>A work-authorization credential in the wallet: its id and the organization that issued it.</summary>
    public sealed record WorkAuthorizationCard(Guid Id, string Issuer);

    [FromRoute]
    public string Token { get; set; } = "";

    public JobVacancy? Vacancy { get; private set; }

    public string Company { get; private set; } = "";

    public bool SignedIn { get; private set; }

    public JobApplication? Existing { get; private set; }

    public string? SuggestedBy { get; private set; }

    public List<CredentialChoice> Credentials { get; private set; } = [];

    public string DisplayName { get; private set; } = "";

    /// <summary>The person's work-authorization credentials (offered only when the job requires it).</summary>
    public List<WorkAuthorizationCard> WorkAuthorizations { get; private set; } = [];

    public string? Error { get; private set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Message = TempData["message"] as string;
        return await LoadAsync();
    }

    public async Task<IActionResult> OnPostApplyAsync(Guid[]? credentialIds, string[]? selfReported, [TextField(TextLimits.Short)] string? displayName, bool shareContact, bool shareExperience,
        Guid[]? workAuthorizationId, [TextField(TextLimits.Short)] string[]? workAuthorizationFacts)
    {
        var jobseeker = await JobseekerAsync();
        if (jobseeker is null)
        {
            return Redirect("/account/sign-in?ReturnUrl=" + Uri.EscapeDataString("/jobs/" + Token));
        }

        var vacancy = await FindAsync();
        if (vacancy is null)
        {
            return NotFound();
        }

        var applied = await applications.ApplyAsync(jobseeker.Value, vacancy,
            new ApplyRequest(credentialIds ?? [], selfReported ?? [], displayName, shareContact, shareExperience,
                workAuthorizationId ?? [], workAuthorizationFacts ?? []), HttpContext.RequestAborted);
        if (!applied.IsSuccess)
        {
            Error = applied.Error.Message;
            db.ChangeTracker.Clear();
            var page = await LoadAsync();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return page;
        }

        TempData["message"] = L.Key("You applied. You can follow the employer's answer in My jobs.");
        return Redirect("/wallet/jobs");
    }

    public async Task<IActionResult> OnPostDeclineAsync(Guid applicationId)
    {
        var jobseeker = await JobseekerAsync();
        if (jobseeker is null)
        {
            return Redirect("/account/sign-in?ReturnUrl=" + Uri.EscapeDataString("/jobs/" + Token));
        }

        if (!await applications.DeclineAsync(jobseeker.Value, applicationId, HttpContext.RequestAborted))
        {
            return NotFound();
        }

        TempData["message"] = L.Key("You said no. The employer was not told anything.");
        return Redirect("/wallet/jobs");
    }

    private Task<JobVacancy?> FindAsync() =>
        Token.Length is > 10 and <= 64
            ? db.Set<JobVacancy>().Include(v => v.Skills).FirstOrDefaultAsync(v => v.PublicToken == Token && v.State != VacancyStates.Draft, HttpContext.RequestAborted)
            : Task.FromResult<JobVacancy?>(null);

    private async Task<Guid?> JobseekerAsync()
    {
        var result = await HttpContext.AuthenticateAsync(AppClaims.JobseekerScheme);
        return result.Succeeded && result.Principal.FindFirst(AppClaims.Jobseeker) is not null ? result.Principal.JobseekerId() : null;
    }

    private async Task<IActionResult> LoadAsync()
    {
        Response.Headers.CacheControl = "no-store";
        Vacancy = await FindAsync();
        if (Vacancy is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        Company = await db.Set<EmployerCompany>().Where(c => c.Id == Vacancy.CompanyId).Select(c => c.Name).FirstAsync(HttpContext.RequestAborted);
        if (Vacancy.State != VacancyStates.Open)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
        }

        var jobseekerId = await JobseekerAsync();
        SignedIn = jobseekerId is not null;
        if (jobseekerId is not { } id)
        {
            return Page();
        }

        var vacancyId = Vacancy.Id;
        Existing = await db.Set<JobApplication>().AsNoTracking().FirstOrDefaultAsync(a => a.VacancyId == vacancyId && a.JobseekerId == id, HttpContext.RequestAborted);
        if (Existing?.SuggestedByOrganizationId is { } by)
        {
            SuggestedBy = await db.Organizations.Where(o => o.Id == by).Select(o => o.Name).FirstOrDefaultAsync(HttpContext.RequestAborted);
        }

        var wanted = Vacancy.Skills.Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
        var owned = await db.Credentials.AsNoTracking().Where(c => c.JobseekerId == id && c.RevokedAt == null && c.SourceCredentialId == null).OrderBy(c => c.IssuedAt).ToListAsync(HttpContext.RequestAborted);
        Credentials = [.. owned.Select(c =>
        {
            var document = JsonNode.Parse(caseRecords.CredentialJson(c)) as JsonObject ?? [];
            return new CredentialChoice(c.Id, c.AchievementName, [.. AlignmentExtractor.Extract(document).SkillCodes.Where(wanted.Contains)]);
        })];
        if (Vacancy.RequiresWorkAuthorization)
        {
            var work = await db.Set<IssuedWorkAuthorization>().AsNoTracking()
                .Where(c => c.JobseekerId == id && c.RevokedAt == null && c.SdJwtCipher != null).OrderByDescending(c => c.IssuedAt)
                .Join(db.Organizations, c => c.OrganizationId, o => o.Id, (c, o) => new { c.Id, o.Name }).ToListAsync(HttpContext.RequestAborted);
            WorkAuthorizations = [.. work.Select(w => new WorkAuthorizationCard(w.Id, w.Name))];
        }

        var jobseeker = await db.Jobseekers.AsNoTracking().FirstAsync(j => j.Id == id, HttpContext.RequestAborted);
        DisplayName = people.Name(jobseeker);
        return Page();
    }
}
