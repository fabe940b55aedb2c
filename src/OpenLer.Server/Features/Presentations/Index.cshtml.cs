using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Presentations;

/// <summary>
/// A job developer asks a jobseeker for credentials on behalf of an employer the organization works with: choose the
/// employer and what to ask (a program completion; the work authorization with only "authorized to work" and "valid until",
/// or also the document type), then share the link or QR. Lists the organization's requests.
/// </summary>
[Authorize(Policy = AppClaims.StaffPolicy)]
public sealed class IndexModel(AppDbContext db, VerifierRequests requests) : PageModel
{
    public List<Employer> Employers { get; private set; } = [];

    public List<(PresentationRequest Request, string? Employer)> Requests { get; private set; } = [];

    public string? Error { get; private set; }

    public bool CanEdit => !User.IsInRole(AppClaims.ViewerRole);

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync(Guid? employerId, bool openBadge, bool workAuthorization, bool workDocumentType, string? security, string? mode)
    {
        var org = User.OrganizationId();
        if (!openBadge && !workAuthorization)
        {
            Error = L.Key("Choose at least one thing to ask for.");
            await LoadAsync();
            return Page();
        }

        if (employerId is { } id && !await db.Employers.AnyAsync(e => e.Id == id && e.OrganizationId == org))
        {
            return NotFound();
        }

        var (request, _) = await requests.CreateAsync(org, employerId, "staff", User.StaffId(),
            new RequestChoice(openBadge, workAuthorization, workAuthorization && workDocumentType, security != "unsigned", mode == "direct_post.jwt"), HttpContext.RequestAborted);
        TempData["message"] = L.Key("Request made. Send the link to the person, or show them the QR code.");
        return Redirect($"/presentations/{request.Id}");
    }

    private async Task LoadAsync()
    {
        var org = User.OrganizationId();
        Employers = await db.Employers.AsNoTracking().Where(e => e.OrganizationId == org).OrderBy(e => e.Name).ToListAsync();
        var list = await db.Set<PresentationRequest>().AsNoTracking().Where(r => r.OrganizationId == org).OrderByDescending(r => r.CreatedAt).Take(50).ToListAsync();
        Requests = [.. list.Select(r => (r, Employers.FirstOrDefault(e => e.Id == r.EmployerId)?.Name))];
    }
}
