using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure.Localization;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Employers.Portal;

/// <summary>The company's users: its own people add colleagues (by a new e-mail address) and disable them.</summary>
public sealed class TeamModel(AppDbContext db, EmployerScope scope, EmployerAccounts accounts, EmployerRecords records) : PageModel
{
    public sealed record Row(Guid Id, string Name, string Email, bool Disabled, bool Me);

    public List<Row> Users { get; private set; } = [];

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync()
    {
        Message = TempData["message"] as string;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAddAsync([TextField(TextLimits.Name)] string? name, [TextField(TextLimits.Contact)] string? email, [TextField(TextLimits.Short)] string? language)
    {
        var added = await accounts.AddColleagueAsync(scope.CompanyId, name, email, language, HttpContext.RequestAborted);
        if (!added.IsSuccess)
        {
            Error = added.Error.Message;
            await LoadAsync();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        TempData["message"] = L.Key("Colleague added. They sign in with their e-mail address.");
        return Redirect("/employer/team");
    }

    public async Task<IActionResult> OnPostDisableAsync(Guid userId)
    {
        if (!await accounts.DisableAsync(scope.CompanyId, userId, scope.UserId, HttpContext.RequestAborted))
        {
            return NotFound();
        }

        TempData["message"] = L.Key("Account disabled. Every session of it has ended.");
        return Redirect("/employer/team");
    }

    private async Task LoadAsync()
    {
        var company = scope.CompanyId;
        var me = scope.UserId;
        var users = await db.Set<EmployerUser>().AsNoTracking().Where(u => u.CompanyId == company).OrderBy(u => u.CreatedAt).ToListAsync();
        Users = [.. users.Select(u => new Row(u.Id, records.Name(u), records.Email(u), u.DisabledAt is not null, u.Id == me))];
    }
}
