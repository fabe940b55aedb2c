using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Issuance;

public sealed class IndexModel(AppDbContext db, Caseload caseload) : PageModel
{
    public sealed record Row(Guid Id, string Name, string? Site);

    public List<Row> Clients { get; private set; } = [];

    public List<Site> Sites { get; private set; } = [];

    public string? Error { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync([TextField(TextLimits.Name)] string? name, [TextField(TextLimits.Contact)] string? contact, Guid? siteId,
        [TextField(TextLimits.Short)] string? language)
    {
        var org = User.OrganizationId();
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(Account.CodeSignIn.Normalize(contact)))
        {
            Error = "Please give a name and an e-mail address or phone number.";
            await LoadAsync();
            return Page();
        }

        var site = siteId is null ? null : await db.Sites.FirstOrDefaultAsync(s => s.OrganizationId == org && s.Id == siteId);
        var client = await caseload.AddClientAsync(org, site?.Id, name, contact!, Languages.Find(language).Code);
        return Redirect($"/issuance/clients/{client.Id}");
    }

    private async Task LoadAsync()
    {
        var org = User.OrganizationId();
        Sites = await db.Sites.AsNoTracking().Where(s => s.OrganizationId == org).OrderBy(s => s.Name).ToListAsync();
        var sites = Sites.ToDictionary(s => s.Id, s => s.Name);
        var clients = await db.Clients.AsNoTracking().Include(c => c.Jobseeker).Where(c => c.OrganizationId == org).ToListAsync();
        Clients = [.. clients.Select(c => new Row(c.Id, c.Jobseeker!.DisplayName, c.SiteId is { } s && sites.TryGetValue(s, out var n) ? n : null)).OrderBy(r => r.Name, StringComparer.CurrentCulture)];
    }
}
