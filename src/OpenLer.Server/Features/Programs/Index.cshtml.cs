using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Programs;

public sealed class IndexModel(AppDbContext db, TimeProvider time) : PageModel
{
    public List<AchievementProgram> Programs { get; private set; } = [];

    public string? Error { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync([TextField(TextLimits.Name)] string? name, [TextField(TextLimits.Paragraph)] string? description,
        [TextField(TextLimits.Paragraph)] string? criteria, [TextField(TextLimits.Url)] string? imageUrl, [TextField(TextLimits.Short)] string[]? skills, bool recordsEnglishLevel)
    {
        if (!User.IsInRole(AppClaims.OrgAdminRole))
        {
            return Forbid();
        }

        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(description) || string.IsNullOrWhiteSpace(criteria))
        {
            Error = L.Key("Please fill in the name, what the person learned and how they earned it.");
            await LoadAsync();
            return Page();
        }

        if (!string.IsNullOrWhiteSpace(imageUrl) && !(Uri.TryCreate(imageUrl, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
        {
            Error = L.Key("The image address must start with https://.");
            await LoadAsync();
            return Page();
        }

        db.Programs.Add(new AchievementProgram
        {
            Id = Guid.NewGuid(),
            OrganizationId = User.OrganizationId(),
            Name = name.Trim(),
            Description = description.Trim(),
            Criteria = criteria.Trim(),
            ImageUrl = string.IsNullOrWhiteSpace(imageUrl) ? null : imageUrl.Trim(),
            Alignments = string.Join('\n', (skills ?? []).Where(s => SkillCatalog.Find(s) is not null).Distinct()),
            RecordsEnglishLevel = recordsEnglishLevel,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync();
        return Redirect("/programs");
    }

    private async Task LoadAsync()
    {
        var org = User.OrganizationId();
        Programs = await db.Programs.AsNoTracking().Where(p => p.OrganizationId == org).OrderBy(p => p.Name).ToListAsync();
    }
}
