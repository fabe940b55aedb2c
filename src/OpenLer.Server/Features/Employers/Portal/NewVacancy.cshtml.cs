using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenLer.Credentials.Taxonomy;
using OpenLer.Server.Infrastructure.Localization;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Employers.Portal;

/// <summary>
/// A new vacancy in two steps without JavaScript: find the O*NET occupation by title or alternate title, then describe the
/// job; saving creates a draft with the occupation's skills proposed (an unknown occupation code saves nothing).
/// </summary>
public sealed class NewVacancyModel(Vacancies vacancies, EmployerScope scope) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    [TextField(TextLimits.Short)]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "occupation")]
    [TextField(TextLimits.Short)]
    public string? OccupationCode { get; set; }

    [BindProperty(SupportsGet = true)]
    [TextField(TextLimits.Name)]
    public string? Title { get; set; }

    [BindProperty]
    [TextField(TextLimits.Name)]
    public string? Place { get; set; }

    [BindProperty]
    [TextField(TextLimits.Name)]
    public string? Hours { get; set; }

    [BindProperty]
    [TextField(TextLimits.Name)]
    public string? Languages { get; set; }

    [BindProperty]
    public bool RequiresWorkAuthorization { get; set; }

    public IReadOnlyList<OccupationMatch> Matches { get; private set; } = [];

    public OnetOccupation? Occupation { get; private set; }

    public string? Error { get; private set; }

    /// <summary>The unknown code the request named, shown beside the error.</summary>
    public string? BadCode { get; private set; }

    public IActionResult OnGet()
    {
        RequiresWorkAuthorization = true;
        if (Query is { Length: > 100 })
        {
            Query = Query[..100];
        }

        if (!string.IsNullOrWhiteSpace(Query))
        {
            Matches = OnetNames.Onet.Search.Find(Query, 15);
        }

        if (OccupationCode is not null)
        {
            Occupation = OnetNames.Onet.FindOccupation(OccupationCode.Trim());
            if (Occupation is null)
            {
                Error = L.Key("That is not an O*NET occupation we know. Search again and choose one from the list.");
                BadCode = OccupationCode.Length > 40 ? OccupationCode[..40] : OccupationCode;
                Response.StatusCode = StatusCodes.Status400BadRequest;
            }
            else if (string.IsNullOrWhiteSpace(Title) || Title.Length > 200)
            {
                Title = Occupation.Title;
            }
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var created = await vacancies.CreateAsync(scope.CompanyId, scope.UserId, OccupationCode,
            new VacancyDetails(Title, Place, Hours, Languages, RequiresWorkAuthorization), HttpContext.RequestAborted);
        if (!created.IsSuccess)
        {
            Error = created.Error.Message;
            Occupation = OnetNames.Onet.FindOccupation(OccupationCode?.Trim());
            if (Occupation is null)
            {
                BadCode = OccupationCode is { Length: > 40 } ? OccupationCode[..40] : OccupationCode;
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        TempData["message"] = L.Key("Saved as a draft. Check the skills, then publish the job.");
        return Redirect($"/employer/vacancies/{created.Value.Id}");
    }
}
