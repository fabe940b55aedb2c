using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Employers.Jobseekers;

/// <summary>The jobseeker's jobs: suggestions to answer, their applications with the employer's decision, and jobs that fit their skills.</summary>
public sealed class JobsModel(AppDbContext db, JobsForJobseekers jobs, Applications applications) : PageModel
{
    public sealed record Row(Guid Id, string Title, string Company, string Stage, string Outcome, DateTime? At);

    public sealed record Suggestion(string Title, string Company, string Organization, string Token);

    public List<Row> Applications { get; private set; } = [];

    public List<Suggestion> Suggestions { get; private set; } = [];

    public IReadOnlyList<JobFit> Fits { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task OnGetAsync()
    {
        Message = TempData["message"] as string;
        var me = User.JobseekerId();
        var rows = await db.Set<JobApplication>().AsNoTracking().Where(a => a.JobseekerId == me)
            .Join(db.Set<JobVacancy>(), a => a.VacancyId, v => v.Id, (a, v) => new { a, v })
            .Join(db.Set<EmployerCompany>(), x => x.v.CompanyId, c => c.Id, (x, c) => new { x.a, x.v, Company = c.Name })
            .OrderByDescending(x => x.a.CreatedAt).ToListAsync(HttpContext.RequestAborted);
        Applications = [.. rows.Where(x => x.a.Stage != ApplicationStages.Suggested)
            .Select(x => new Row(x.a.Id, x.v.Title, x.Company, x.a.Stage, x.a.Outcome, x.a.OutcomeAt ?? x.a.AppliedAt ?? x.a.CreatedAt))];
        var suggested = rows.Where(x => x.a.Stage == ApplicationStages.Suggested && x.v.State == VacancyStates.Open).ToList();
        var organizations = suggested.Select(x => x.a.SuggestedByOrganizationId).OfType<Guid>().Distinct().ToList();
        var names = await db.Organizations.AsNoTracking().Where(o => organizations.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, HttpContext.RequestAborted);
        Suggestions = [.. suggested.Select(x => new Suggestion(x.v.Title, x.Company, x.a.SuggestedByOrganizationId is { } o ? names.GetValueOrDefault(o, "") : "", x.v.PublicToken))];
        Fits = await jobs.ForAsync(me, 10, HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid applicationId)
    {
        if (!await applications.WithdrawAsync(User.JobseekerId(), applicationId, HttpContext.RequestAborted))
        {
            return NotFound();
        }

        TempData["message"] = L.Key("Withdrawn. The employer no longer sees your application or your credentials.");
        return Redirect("/wallet/jobs");
    }
}
