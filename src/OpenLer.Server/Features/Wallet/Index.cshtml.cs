using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Security;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Wallet;

public sealed class IndexModel(AppDbContext db, People people, CaseRecords records, SelfReportedRecords selfReported, TimeProvider time) : PageModel
{
    public const int EntryMaxLength = 500;

    public sealed record Card(Guid Id, CredentialView View, DateTime IssuedAt, bool Revoked, string IssuerFallback);

    public sealed record WorkCard(Guid Id, string Issuer, DateTime IssuedAt, bool Revoked);

    public List<WorkCard> WorkAuthorizations { get; private set; } = [];

    public string? Message { get; private set; }

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
        Message = TempData["message"] as string;
        var work = await db.Set<WorkAuthorization.IssuedWorkAuthorization>().AsNoTracking()
            .Where(c => c.JobseekerId == id && c.SdJwtCipher != null).OrderByDescending(c => c.IssuedAt).ToListAsync();
        var workOrgIds = work.Select(w => w.OrganizationId).ToList();
        var workOrgs = await db.Organizations.AsNoTracking().Where(o => workOrgIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name);
        WorkAuthorizations = [.. work.Select(w => new WorkCard(w.Id, workOrgs.GetValueOrDefault(w.OrganizationId, ""), w.IssuedAt, w.RevokedAt is not null))];
        var credentials = await db.Credentials.AsNoTracking().Include(c => c.Organization).Where(c => c.JobseekerId == id && c.SourceCredentialId == null).OrderByDescending(c => c.IssuedAt).ToListAsync();
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
        if (!string.IsNullOrWhiteSpace(description) && description.Length <= EntryMaxLength)
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
            TempData["message"] = L.Key("Added. It is on new links only when you choose it.");
        }

        return Redirect("/wallet");
    }

    /// <summary>Deletes one of the person's self-reported entries; it disappears from every link that carried it.</summary>
    public async Task<IActionResult> OnPostDeleteEntryAsync(Guid entryId)
    {
        var owner = User.JobseekerId();
        var entry = await db.SelfReported.FirstOrDefaultAsync(e => e.JobseekerId == owner && e.Id == entryId);
        if (entry is null)
        {
            return NotFound();
        }

        await using var transaction = await db.Database.BeginOrJoinAsync(HttpContext.RequestAborted);
        await db.ShareItems.Where(i => i.SelfReportedId == entry.Id).ExecuteDeleteAsync(HttpContext.RequestAborted);
        db.SelfReported.Remove(entry);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        await transaction.CommitAsync(HttpContext.RequestAborted);
        TempData["message"] = L.Key("Deleted. It is gone from every link too.");
        return Redirect("/wallet");
    }
}
