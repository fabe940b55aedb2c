using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Matching;
using OpenLer.Credentials.Taxonomy;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;
using QRCoder;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Employers.Portal;

/// <summary>
/// One of the company's vacancies (another company's answers 404): its skills with their categories (change, remove, add
/// from a search that works without JavaScript, or from the occupation's other O*NET skills), details, publish and close,
/// and once published its link and QR code.
/// </summary>
public sealed class VacancyModel(Data.AppDbContext db, Vacancies vacancies, EmployerScope scope, IOptions<DeploymentOptions> options) : PageModel
{
    [FromRoute]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true, Name = "skill")]
    [TextField(TextLimits.Short)]
    public string? SkillQuery { get; set; }

    public JobVacancy Vacancy { get; private set; } = null!;

    public IReadOnlyList<OnetElement> Found { get; private set; } = [];

    public IReadOnlyList<OnetElement> Suggestions { get; private set; } = [];

    public Dictionary<string, (decimal Importance, decimal? Level)> Ratings { get; private set; } = [];

    public int ApplicantCount { get; private set; }

    public string Link => options.Value.BaseUrl + "/jobs/" + Vacancy.PublicToken;

    public string? QrDataUri { get; private set; }

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public string? BadCode { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Message = TempData["message"] as string;
        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostSkillsAsync([TextField(TextLimits.Short)] string? remove)
    {
        if (await scope.FindVacancyAsync(Id, HttpContext.RequestAborted) is not { } vacancy)
        {
            return NotFound();
        }

        var categories = Request.Form.Keys.Where(k => k.StartsWith("category[", StringComparison.Ordinal) && k.EndsWith(']'))
            .ToDictionary(k => k["category[".Length..^1], k => Request.Form[k].ToString(), StringComparer.Ordinal);
        return await DoneAsync(await vacancies.SetSkillsAsync(vacancy, categories, remove, HttpContext.RequestAborted),
            remove is null ? L.Key("Skills saved.") : L.Key("Skill removed."), remove);
    }

    public async Task<IActionResult> OnPostAddAsync([TextField(TextLimits.Short)] string? code, [TextField(TextLimits.Short)] string? category)
    {
        if (await scope.FindVacancyAsync(Id, HttpContext.RequestAborted) is not { } vacancy)
        {
            return NotFound();
        }

        return await DoneAsync(await vacancies.AddSkillAsync(vacancy, code, category, HttpContext.RequestAborted), L.Key("Skill added."), code);
    }

    public async Task<IActionResult> OnPostDetailsAsync([TextField(TextLimits.Name)] string? title, [TextField(TextLimits.Name)] string? place,
        [TextField(TextLimits.Name)] string? hours, [TextField(TextLimits.Name)] string? languages, bool requiresWorkAuthorization)
    {
        if (await scope.FindVacancyAsync(Id, HttpContext.RequestAborted) is not { } vacancy)
        {
            return NotFound();
        }

        return await DoneAsync(await vacancies.UpdateDetailsAsync(vacancy, new VacancyDetails(title, place, hours, languages, requiresWorkAuthorization), HttpContext.RequestAborted),
            L.Key("Saved."), null);
    }

    public async Task<IActionResult> OnPostPublishAsync()
    {
        if (await scope.FindVacancyAsync(Id, HttpContext.RequestAborted) is not { } vacancy)
        {
            return NotFound();
        }

        return await DoneAsync(await vacancies.PublishAsync(vacancy, HttpContext.RequestAborted), L.Key("The job is published: people can apply with its link."), null);
    }

    public async Task<IActionResult> OnPostCloseAsync()
    {
        if (await scope.FindVacancyAsync(Id, HttpContext.RequestAborted) is not { } vacancy)
        {
            return NotFound();
        }

        await vacancies.CloseAsync(vacancy, HttpContext.RequestAborted);
        TempData["message"] = L.Key("The job is closed. Applicants you have stay on its list.");
        return Redirect($"/employer/vacancies/{Id}");
    }

    private async Task<IActionResult> DoneAsync(Outcome<JobVacancy> outcome, string message, string? code)
    {
        if (outcome.IsSuccess)
        {
            TempData["message"] = message;
            return Redirect($"/employer/vacancies/{Id}");
        }

        // Nothing was saved: show the page as the database holds it, with the reason.
        Error = outcome.Error.Message;
        BadCode = outcome.Error.Code == MatchingErrors.UnknownSkill && code is not null ? (code.Length > 40 ? code[..40] : code) : null;
        db.ChangeTracker.Clear();
        await LoadAsync();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        if (await scope.FindVacancyAsync(Id, HttpContext.RequestAborted) is not { } vacancy)
        {
            return false;
        }

        Vacancy = vacancy;
        var occupation = OnetNames.Onet.FindOccupation(vacancy.OccupationCode);
        Ratings = occupation?.Ratings.Where(r => r.Importance is not null).ToDictionary(r => r.ElementId, r => (r.Importance!.Value, r.Level)) ?? [];
        var present = vacancy.Skills.Select(s => s.Code).ToHashSet(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(SkillQuery))
        {
            SkillQuery = SkillQuery.Length > 100 ? SkillQuery[..100] : SkillQuery;
            Found = [.. OnetNames.FindSkills(SkillQuery).Where(e => !present.Contains(e.Id))];
        }

        Suggestions = occupation is null ? [] : [.. SkillProposals.For(OnetNames.Onet, occupation.Code).Value
            .Where(p => !present.Contains(p.Element.Id) && SkillVocabulary.Default.Contains(p.Element.Id)).Take(8).Select(p => p.Element)];
        ApplicantCount = scope.Applications().Count(a => a.VacancyId == vacancy.Id);
        if (vacancy.State == VacancyStates.Open)
        {
            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(Link, QRCodeGenerator.ECCLevel.M);
            QrDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(8));
        }

        return true;
    }
}
