using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Employers.Partners;

/// <summary>The organization admin's list of employers: add one, invite its hiring manager, see whether the partnership is on.</summary>
public sealed class IndexModel(AppDbContext db, EmployerAccounts accounts) : PageModel
{
    public List<Employer> Employers { get; private set; } = [];

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync()
    {
        Message = TempData["message"] as string;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostEmployerAsync([TextField(TextLimits.Name)] string? employerName, [TextField(TextLimits.Name)] string? employerContact)
    {
        var added = await accounts.AddEmployerAsync(User.OrganizationId(), employerName, employerContact, HttpContext.RequestAborted);
        return added.IsSuccess ? Done(L.Key("Employer added.")) : await FailAsync(added.Error.Message);
    }

    public async Task<IActionResult> OnPostInviteAsync(Guid employerId, [TextField(TextLimits.Name)] string? personName, [TextField(TextLimits.Contact)] string? email,
        [TextField(TextLimits.Short)] string? language)
    {
        var invited = await accounts.InviteAsync(User.OrganizationId(), employerId, personName, email, language, HttpContext.RequestAborted);
        if (!invited.IsSuccess)
        {
            return invited.Error.Code == "employer.not-found" ? NotFound() : await FailAsync(invited.Error.Message);
        }

        return Done(invited.Value == InviteOutcome.Created
            ? L.Key("Invitation sent. The employer's account is ready: they sign in with their e-mail address.")
            : L.Key("This employer already uses OpenLER: we asked them to work with you. You will see here when they agree."));
    }

    public string StateOf(Employer employer)
    {
        ArgumentNullException.ThrowIfNull(employer);
        return employer switch
        {
            { DeclinedAt: not null } => L.Key("They said no to working together."),
            { CompanyId: not null, AcceptedAt: not null } => L.Key("Working together: they post jobs here."),
            { CompanyId: not null } => L.Key("Asked: waiting for their answer."),
            _ => L.Key("No account yet."),
        };
    }

    private RedirectResult Done(string message)
    {
        TempData["message"] = message;
        return Redirect("/organization/employers");
    }

    private async Task<IActionResult> FailAsync(string error)
    {
        Error = error;
        db.ChangeTracker.Clear();
        await LoadAsync();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync()
    {
        var organization = User.OrganizationId();
        Employers = await db.Employers.AsNoTracking().Where(e => e.OrganizationId == organization).OrderBy(e => e.Name).ToListAsync();
    }
}
