using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenLer.Credentials.Matching;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Employers.Portal;

/// <summary>
/// A vacancy's applicants, ranked and explained by the matching engine (each credential verified now), and the same list as
/// CSV for an applicant tracking system (the library's writer: formula injection neutralized). Viewing and exporting are audited.
/// </summary>
public sealed class ApplicantsModel(EmployerScope scope, ApplicantMatching matching, AuditTrail audit) : PageModel
{
    [FromRoute]
    public Guid Id { get; set; }

    public JobVacancy Vacancy { get; private set; } = null!;

    public IReadOnlyList<RankedApplicant> Ranked { get; private set; } = [];

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await scope.FindVacancyAsync(Id, HttpContext.RequestAborted) is not { } vacancy)
        {
            return NotFound();
        }

        Vacancy = vacancy;
        var ranked = await matching.RankAsync(vacancy, HttpContext.RequestAborted);
        if (ranked.IsSuccess)
        {
            Ranked = ranked.Value;
        }
        else
        {
            Error = L.Key("This job has no skills yet, so applicants cannot be ranked. Add at least one skill.");
        }

        await audit.RecordAsync(AuditActions.ApplicantsViewed, "vacancy", vacancy.Id, detail: Ranked.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync()
    {
        if (await scope.FindVacancyAsync(Id, HttpContext.RequestAborted) is not { } vacancy)
        {
            return NotFound();
        }

        var forMatching = Vacancies.ForMatching(vacancy);
        var ranked = await matching.RankAsync(vacancy, HttpContext.RequestAborted);
        if (!forMatching.IsSuccess || !ranked.IsSuccess)
        {
            return BadRequest();
        }

        var names = ranked.Value.ToDictionary(r => r.Match.ApplicationId, r => r.DisplayName, StringComparer.Ordinal);
        var bytes = ApplicantsCsv.ToBytes(forMatching.Value, ranked.Value.Select(r => r.Match), id => names.GetValueOrDefault(id));
        await audit.RecordAsync(AuditActions.Export, "vacancy", vacancy.Id, detail: "applicants-csv");
        Response.Headers.CacheControl = "no-store";
        return File(bytes, "text/csv; charset=utf-8", $"applicants-{vacancy.Id:N}.csv");
    }
}
