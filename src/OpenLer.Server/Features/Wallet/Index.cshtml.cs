using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Wallet;

public sealed class IndexModel(AppDbContext db, TimeProvider time) : PageModel
{
    public sealed record Card(Guid Id, CredentialView View, DateTime IssuedAt, bool Revoked, string IssuerFallback);

    public string Name { get; private set; } = "";

    public List<Card> Cards { get; private set; } = [];

    public List<SelfReportedExperience> Experience { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var id = User.JobseekerId();
        var jobseeker = await db.Jobseekers.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id);
        if (jobseeker is null)
        {
            return Redirect("/account/sign-in");
        }

        Name = jobseeker.DisplayName;
        var credentials = await db.Credentials.AsNoTracking().Include(c => c.Organization).Where(c => c.JobseekerId == id).OrderByDescending(c => c.IssuedAt).ToListAsync();
        Cards = [.. credentials.Select(c => new Card(c.Id, CredentialView.From(JsonNode.Parse(c.Json)!.AsObject()), c.IssuedAt, c.RevokedAt is not null, c.Organization?.Name ?? ""))];
        Experience = await db.SelfReported.AsNoTracking().Where(e => e.JobseekerId == id).OrderBy(e => e.CreatedAt).ToListAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([TextField(TextLimits.Short)] string? kind, [TextField(TextLimits.Sentence)] string? description)
    {
        if (!string.IsNullOrWhiteSpace(description))
        {
            db.SelfReported.Add(new SelfReportedExperience
            {
                Id = Guid.NewGuid(),
                JobseekerId = User.JobseekerId(),
                Kind = kind == "language" ? "language" : "work",
                Description = description.Trim(),
                CreatedAt = time.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync();
        }

        return Redirect("/wallet");
    }
}
