using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Wallet;

public sealed class IndexModel(AppDbContext db, People people, CaseRecords records, SelfReportedRecords selfReported, TimeProvider time) : PageModel
{
    public sealed record Card(Guid Id, CredentialView View, DateTime IssuedAt, bool Revoked, string IssuerFallback);

    public string Name { get; private set; } = "";

    public List<Card> Cards { get; private set; } = [];

    public sealed record Entry(Guid Id, string Kind, string Description);

    public List<Entry> Experience { get; private set; } = [];

    public List<(string Kind, string Organization, DateTime At)> Notices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var id = User.JobseekerId();
        var jobseeker = await db.Jobseekers.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id);
        if (jobseeker is null)
        {
            return Redirect("/account/sign-in");
        }

        Name = people.Name(jobseeker);
        var credentials = await db.Credentials.AsNoTracking().Include(c => c.Organization).Where(c => c.JobseekerId == id).OrderByDescending(c => c.IssuedAt).ToListAsync();
        Cards = [.. credentials.Select(c => new Card(c.Id, CredentialView.From(JsonNode.Parse(records.CredentialJson(c))!.AsObject()), c.IssuedAt, c.RevokedAt is not null, c.Organization?.Name ?? ""))];
        var entries = await db.SelfReported.AsNoTracking().Where(e => e.JobseekerId == id).OrderBy(e => e.CreatedAt).ToListAsync();
        Experience = [.. entries.Select(e => new Entry(e.Id, e.Kind, selfReported.Description(e)))];

        // Things the person must be told once: a caseworker made a sign-in letter, an organization invited them.
        var now = time.GetUtcNow().UtcDateTime;
        var notices = await db.Set<AccountNotice>().Where(n => n.JobseekerId == id && n.SeenAt == null).OrderBy(n => n.CreatedAt).ToListAsync();
        var orgNames = await db.Organizations.AsNoTracking().Where(o => notices.Select(n => n.OrganizationId).Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name);
        Notices = [.. notices.Select(n => (n.Kind, n.OrganizationId is { } o && orgNames.TryGetValue(o, out var name) ? name : "", n.CreatedAt))];
        foreach (var notice in notices.Where(n => n.Kind == NoticeKinds.CodeMadeByStaff))
        {
            notice.SeenAt = now;
        }

        await db.SaveChangesAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([TextField(TextLimits.Short)] string? kind, [TextField(TextLimits.Sentence)] string? description)
    {
        if (!string.IsNullOrWhiteSpace(description) && description.Length <= 500)
        {
            var entry = new SelfReportedExperience
            {
                Id = Guid.NewGuid(),
                JobseekerId = User.JobseekerId(),
                Kind = kind == "language" ? "language" : "work",
                CreatedAt = time.GetUtcNow().UtcDateTime,
            };
            selfReported.SetDescription(entry, description.Trim());
            db.SelfReported.Add(entry);
            await db.SaveChangesAsync();
        }

        return Redirect("/wallet");
    }
}
