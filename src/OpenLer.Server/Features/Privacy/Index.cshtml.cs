using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Features.WorkAuthorization;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Privacy;

/// <summary>
/// The person's rights in one place: the consents they gave organizations (withdraw any), a download of everything held
/// about them, and deleting their account.
/// </summary>
public sealed class IndexModel(AppDbContext db, Consents consents, PersonalDataExport export, AccountDeletion deletion) : PageModel
{
    public sealed record ConsentRow(Guid Id, string Organization, DateTime RecordedAt, string Language, DateTime? WithdrawnAt);

    public List<ConsentRow> ConsentRows { get; private set; } = [];

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    /// <summary>Whether the person gets messages when a credential is issued or a link is first opened.</summary>
    public bool Notifications { get; private set; }

    public async Task OnGetAsync()
    {
        Message = TempData["message"] as string;
        await LoadAsync();
    }

    public async Task<IActionResult> OnGetDownloadAsync()
    {
        var zip = await export.BuildAsync(User.JobseekerId(), HttpContext.RequestAborted);
        if (zip is null)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return File(zip, "application/zip", "openler-my-data.zip");
    }

    public async Task<IActionResult> OnPostNoticesAsync(bool notifications)
    {
        var owner = User.JobseekerId();
        var changed = await db.Jobseekers.Where(j => j.Id == owner)
            .ExecuteUpdateAsync(u => u.SetProperty(j => j.Notifications, notifications), HttpContext.RequestAborted);
        if (changed == 0)
        {
            return NotFound();
        }

        TempData["message"] = notifications
            ? L.Key("Saved. We will send you these messages.")
            : L.Key("Saved. We will not send you these messages.");
        return Redirect("/account/privacy");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid consentId)
    {
        var owner = User.JobseekerId();
        var mine = await db.Set<ProtectedDataConsent>().AnyAsync(c => c.Id == consentId && c.WithdrawnAt == null
            && db.Clients.Any(k => k.Id == c.ClientId && k.OrganizationId == c.OrganizationId && k.JobseekerId == owner));
        if (!mine)
        {
            return NotFound();
        }

        await consents.WithdrawAsync(consentId, "person", cancellationToken: HttpContext.RequestAborted);
        TempData["message"] = L.Key("Consent withdrawn. The organization's record of your document is erased.");
        return Redirect("/account/privacy");
    }

    public async Task<IActionResult> OnPostDeleteAsync(bool understood)
    {
        if (!understood)
        {
            Error = L.Key("Tick the box to confirm that you understand what deleting your account does.");
            await LoadAsync();
            return Page();
        }

        await deletion.DeleteAsync(User.JobseekerId(), HttpContext.RequestAborted);
        await HttpContext.SignOutAsync(AppClaims.JobseekerScheme);
        Response.Headers["Clear-Site-Data"] = "\"cache\", \"storage\"";
        return Redirect("/account/deleted");
    }

    private async Task LoadAsync()
    {
        var owner = User.JobseekerId();
        Notifications = await db.Jobseekers.Where(j => j.Id == owner).Select(j => j.Notifications).FirstOrDefaultAsync();
        var rows = await db.Set<ProtectedDataConsent>().AsNoTracking()
            .Where(c => db.Clients.Any(k => k.Id == c.ClientId && k.OrganizationId == c.OrganizationId && k.JobseekerId == owner))
            .OrderByDescending(c => c.RecordedAt).ToListAsync();
        var orgIds = rows.Select(r => r.OrganizationId).ToList();
        var names = await db.Organizations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name);
        ConsentRows = [.. rows.Select(c => new ConsentRow(c.Id, names.GetValueOrDefault(c.OrganizationId, ""), c.RecordedAt, c.Language, c.WithdrawnAt))];
    }
}
