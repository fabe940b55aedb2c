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

    /// <summary>One client of the list, with the status of each of their enrollments (or <see cref="ClientStatus.NotEnrolled"/>).</summary>
    public sealed record Row(Guid Id, string Name, string? Site, string Link, IReadOnlyList<(string Program, ClientStatus Status)> Statuses);

    /// <summary>The clients shown (after the search and the status filter).</summary>
    public List<Row> Clients { get; private set; } = [];

    /// <summary>How many clients this staff member has in scope before the search.</summary>
    public int Total { get; private set; }

    /// <summary>The name typed in the search box.</summary>
    [FromQuery(Name = "q")]
    [TextField(TextLimits.Short)]
    public string? Query { get; set; }

    /// <summary>The status filter (<see cref="ClientStatuses.Value"/>), or empty.</summary>
    [FromQuery(Name = "status")]
    [TextField(TextLimits.Short)]
    public string? StatusFilter { get; set; }

    public bool Searching => !string.IsNullOrWhiteSpace(Query) || ClientStatuses.Parse(StatusFilter) is not null;

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
        var visible = await scope.ClientsAsync();
        var clients = await visible.AsNoTracking().ToListAsync();
        Total = clients.Count;

        // Statuses come from the same scoped query: enrollments of visible clients only.
        var enrollments = await db.Enrollments.AsNoTracking().Where(e => e.OrganizationId == org && visible.Any(c => c.Id == e.ClientId))
            .Select(e => new { e.Id, e.ClientId, e.CompletedAt, e.EnrolledAt, Program = e.Program!.Name }).ToListAsync();
        var credentials = await db.Credentials.AsNoTracking()
            .Where(c => c.OrganizationId == org && c.SourceCredentialId == null && db.Enrollments.Any(e => e.Id == c.EnrollmentId && visible.Any(v => v.Id == e.ClientId)))
            .Select(c => new { c.EnrollmentId, c.IssuedAt, c.RevokedAt }).ToListAsync();
        var jobseekerIds = clients.Where(c => c.JobseekerId != null).Select(c => c.JobseekerId!.Value).ToList();
        var signIns = await db.Jobseekers.AsNoTracking().Where(j => jobseekerIds.Contains(j.Id)).ToDictionaryAsync(j => j.Id, j => j.LastSignInAt);
        var byEnrollment = credentials.GroupBy(c => c.EnrollmentId).ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.IssuedAt).First());
        var byClient = enrollments.GroupBy(e => e.ClientId).ToDictionary(g => g.Key, g => g.OrderBy(e => e.EnrolledAt).ToList());

        var filter = ClientStatuses.Parse(StatusFilter);
        var query = Query is { Length: > NameSearch.MaxQueryLength } ? Query[..NameSearch.MaxQueryLength] : Query;
        Clients = [.. clients.Select(c =>
            {
                var lastSignIn = c.JobseekerId is { } j && signIns.TryGetValue(j, out var at) ? at : null;
                IReadOnlyList<(string, ClientStatus)> statuses = byClient.TryGetValue(c.Id, out var list)
                    ? [.. list.Select(e =>
                    {
                        var credential = byEnrollment.GetValueOrDefault(e.Id);
                        return (e.Program, ClientStatuses.Of(e.CompletedAt, c.Link, credential?.IssuedAt, credential?.RevokedAt, lastSignIn));
                    })]
                    : [("", ClientStatus.NotEnrolled)];
                return new Row(c.Id, records.ClientName(c), c.SiteId is { } s && names.TryGetValue(s, out var n) ? n : null, c.Link, statuses);
            })
            .Where(r => NameSearch.Matches(r.Name, query) && (filter is null || r.Statuses.Any(s => s.Status == filter)))
            .OrderBy(r => r.Name, StringComparer.CurrentCulture)];
    }
}
