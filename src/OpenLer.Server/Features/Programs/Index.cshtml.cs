using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Programs;

/// <summary>The organization's programs, and a new one (organization admins): name, what it teaches, how it is earned, skills and jobs.</summary>
public sealed class IndexModel(AppDbContext db, TimeProvider time) : PageModel
{
    public List<AchievementProgram> Programs { get; private set; } = [];

    public string? Error { get; private set; }

    public string? Message { get; private set; }

    /// <summary>What the form holds (kept when the skill search re-shows the form).</summary>
    public ProgramFields Fields { get; private set; } = new();

    public SkillPicker Picker { get; private set; } = SkillPicker.Build([], null, CultureInfo.InvariantCulture);

    public async Task OnGetAsync([FromQuery, TextField(TextLimits.Short)] string? q)
    {
        Message = TempData["message"] as string;
        Picker = SkillPicker.Build([], q, CultureInfo.CurrentUICulture);
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync([TextField(TextLimits.Name)] string? name, [TextField(TextLimits.Paragraph)] string? description,
        [TextField(TextLimits.Paragraph)] string? criteria, [TextField(TextLimits.Url)] string? imageUrl, [TextField(TextLimits.Short)] string[]? skills, bool recordsEnglishLevel,
        [TextField(TextLimits.Short)] string? q, [TextField(TextLimits.Short)] string? find)
    {
        if (!User.IsInRole(AppClaims.OrgAdminRole))
        {
            return Forbid();
        }

        Fields = new ProgramFields(name, description, criteria, imageUrl, recordsEnglishLevel);
        Picker = SkillPicker.Build(skills, find is null ? null : q, CultureInfo.CurrentUICulture);
        if (find is not null)
        {
            await LoadAsync();
            return Page();
        }

        var problem = Fields.Problem();
        if (problem is not null)
        {
            Error = problem;
            await LoadAsync();
            return Page();
        }

        db.Programs.Add(new AchievementProgram
        {
            Id = Guid.NewGuid(),
            OrganizationId = User.OrganizationId(),
            Name = name!.Trim(),
            Description = description!.Trim(),
            Criteria = criteria!.Trim(),
            ImageUrl = string.IsNullOrWhiteSpace(imageUrl) ? null : imageUrl.Trim(),
            Alignments = SkillCatalog.Store(skills),
            RecordsEnglishLevel = recordsEnglishLevel,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync();
        TempData["message"] = L.Key("Program saved.");
        return Redirect("/programs");
    }

    private async Task LoadAsync()
    {
        var org = User.OrganizationId();
        Programs = await db.Programs.AsNoTracking().Where(p => p.OrganizationId == org).OrderBy(p => p.Name).ToListAsync();
    }
}
