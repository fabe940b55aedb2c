using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Issuance;

/// <summary>The caseload: the clients of the sites this staff member works on, and adding a client.</summary>
public sealed class IndexModel(AppDbContext db, Caseload caseload, CaseRecords records, StaffScope scope) : PageModel
{
    public const int NameMaxLength = 200;

    public sealed record Row(Guid Id, string Name, string? Site, string Link);

    public List<Row> Clients { get; private set; } = [];

    public List<Site> Sites { get; private set; } = [];

    public string? Error { get; private set; }

    public string? Message { get; private set; }

    public bool CanEdit => scope.CanEdit;

    public async Task OnGetAsync()
    {
        Message = TempData["message"] as string;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync([TextField(TextLimits.Name)] string? name, [TextField(TextLimits.Contact)] string? contact, Guid? siteId,
        [TextField(TextLimits.Short)] string? language)
    {
        var org = scope.OrganizationId;
        if (string.IsNullOrWhiteSpace(name) || name.Length > NameMaxLength || string.IsNullOrWhiteSpace(contact) || contact.Length > Account.Contacts.MaxLength)
        {
            Error = L.Key("Please give a name and an e-mail address or phone number.");
            await LoadAsync();
            return Page();
        }

        if (siteId is { } chosen && !await scope.MayUseSiteAsync(chosen))
        {
            return NotFound();
        }

        var result = await caseload.AddClientAsync(org, siteId, name, contact, Languages.Find(language).Code, HttpContext.RequestAborted);
        switch (result.Outcome)
        {
            case AddClientOutcome.InvalidContact:
                Error = L.Key("That is not an e-mail address or a phone number we can use.");
                await LoadAsync();
                return Page();
            case AddClientOutcome.AlreadyOnCaseload:
                var visible = await scope.FindClientAsync(result.Client!.Id);
                if (visible is not null)
                {
                    TempData["message"] = L.Key("This person is already on your caseload.");
                    return Redirect($"/issuance/clients/{visible.Id}");
                }

                Error = L.Key("This person is already a client of your organization at another site. Ask an admin.");
                await LoadAsync();
                return Page();
            case AddClientOutcome.Invited:
                TempData["message"] = L.Key("This person already has an account: we sent them an invitation. You can work with them when they accept.");
                return Redirect($"/issuance/clients/{result.Client!.Id}");
            default:
                TempData["message"] = L.Key("Client added.");
                return Redirect($"/issuance/clients/{result.Client!.Id}");
        }
    }

    private async Task LoadAsync()
    {
        var org = scope.OrganizationId;
        var siteIds = await scope.SitesAsync();
        Sites = await db.Sites.AsNoTracking().Where(s => s.OrganizationId == org && siteIds.Contains(s.Id)).OrderBy(s => s.Name).ToListAsync();
        var names = await db.Sites.AsNoTracking().Where(s => s.OrganizationId == org).ToDictionaryAsync(s => s.Id, s => s.Name);
        var clients = await (await scope.ClientsAsync()).AsNoTracking().ToListAsync();
        Clients = [.. clients.Select(c => new Row(c.Id, records.ClientName(c), c.SiteId is { } s && names.TryGetValue(s, out var n) ? n : null, c.Link))
            .OrderBy(r => r.Name, StringComparer.CurrentCulture)];
    }
}
