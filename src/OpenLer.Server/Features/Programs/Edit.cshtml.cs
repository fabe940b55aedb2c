using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Programs;

/// <summary>
/// Editing one of the organization's programs (organization admins; another organization's program answers 404). Only
/// the program changes: a credential keeps the signed JSON and the title it was issued with.
/// </summary>
public sealed class EditModel(AppDbContext db, ProgramTexts texts, Badges.BadgeImages badges) : PageModel
{
    [FromRoute]
    public Guid Id { get; set; }

    public ProgramFields Fields { get; private set; } = new();

    public SkillPicker Picker { get; private set; } = SkillPicker.Build([], null, CultureInfo.InvariantCulture);

    public string? Error { get; private set; }

    /// <summary>The badge controls (their own forms, after the program's form).</summary>
    public BadgeForm Badge { get; private set; } = null!;

    public string? Message { get; private set; }

    /// <summary>The language the program's own fields are written in.</summary>
    public string Language { get; private set; } = "en";

    /// <summary>The other languages' fields, as saved or as typed.</summary>
    public List<ProgramTexts.Entry> Translations { get; private set; } = [];

    /// <summary>The app's languages the program has no text in yet.</summary>
    public IReadOnlyList<Language> Missing { get; private set; } = [];

    /// <summary>The language whose translation has a problem (its fields are marked), or null.</summary>
    public string? ErrorLanguage { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery, TextField(TextLimits.Short)] string? q)
    {
        if (!User.IsInRole(AppClaims.OrgAdminRole))
        {
            return Forbid();
        }

        var program = await FindAsync();
        if (program is null)
        {
            return NotFound();
        }

        Message = TempData["message"] as string;
        Badge = await BadgeModel.FormAsync(db, badges, program.OrganizationId, program.Id, HttpContext.RequestAborted);
        Fields = new ProgramFields(program.Name, program.Description, program.Criteria, program.ImageUrl, program.RecordsEnglishLevel);
        Language = program.Language;
        var saved = await texts.OfAsync(program.OrganizationId, program.Id, HttpContext.RequestAborted);
        Translations = [.. Languages.All.Where(l => l.Code != Language).Select(l => saved.TryGetValue(l.Code, out var t)
            ? new ProgramTexts.Entry(l.Code, t.Name, t.Description, t.Criteria)
            : new ProgramTexts.Entry(l.Code, null, null, null))];
        Missing = ProgramTexts.Missing(program, saved);
        Picker = SkillPicker.Build(SkillCatalog.Parse(program.Alignments).Select(a => a.Code), q, CultureInfo.CurrentUICulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([TextField(TextLimits.Name)] string? name, [TextField(TextLimits.Paragraph)] string? description,
        [TextField(TextLimits.Paragraph)] string? criteria, [TextField(TextLimits.Url)] string? imageUrl, [TextField(TextLimits.Short)] string[]? skills, bool recordsEnglishLevel,
        [TextField(TextLimits.Short)] string? q, [TextField(TextLimits.Short)] string? find, [TextField(TextLimits.Short)] string? language)
    {
        if (!User.IsInRole(AppClaims.OrgAdminRole))
        {
            return Forbid();
        }

        var program = await FindAsync(tracking: true);
        if (program is null)
        {
            return NotFound();
        }

        Badge = await BadgeModel.FormAsync(db, badges, program.OrganizationId, program.Id, HttpContext.RequestAborted);
        Fields = new ProgramFields(name, description, criteria, imageUrl, recordsEnglishLevel);
        Picker = SkillPicker.Build(skills, find is null ? null : q, CultureInfo.CurrentUICulture);
        Language = Languages.IsSupported(language) ? Languages.Find(language).Code : program.Language;

        // Translation fields are named t-name-es, t-description-es, t-criteria-es: one more language is one more group.
        Translations = [.. Languages.All.Where(l => l.Code != Language).Select(l => new ProgramTexts.Entry(l.Code,
            Request.Form["t-name-" + l.Code].FirstOrDefault(), Request.Form["t-description-" + l.Code].FirstOrDefault(), Request.Form["t-criteria-" + l.Code].FirstOrDefault()))];
        Missing = [.. Languages.All.Where(l => l.Code != Language && Translations.Any(t => t.Language == l.Code && t.IsEmpty))];
        if (find is not null)
        {
            return Page();
        }

        Error = Fields.Problem();
        if (Error is not null)
        {
            return Page();
        }

        foreach (var entry in Translations)
        {
            Error = ProgramTexts.Problem(entry);
            if (Error is not null)
            {
                ErrorLanguage = entry.Language;
                return Page();
            }
        }

        program.Name = name!.Trim();
        program.Description = description!.Trim();
        program.Criteria = criteria!.Trim();
        program.ImageUrl = string.IsNullOrWhiteSpace(imageUrl) ? null : imageUrl.Trim();
        program.Alignments = SkillCatalog.Store(skills);
        program.RecordsEnglishLevel = recordsEnglishLevel;
        program.Language = Language;
        await db.SaveChangesAsync();
        await texts.SaveAsync(program, [.. Translations, new ProgramTexts.Entry(Language, null, null, null)], HttpContext.RequestAborted);
        TempData["message"] = L.Key("Program saved.");
        return Redirect($"/programs/{Id}");
    }

    private Task<AchievementProgram?> FindAsync(bool tracking = false)
    {
        var org = User.OrganizationId();
        var query = db.Programs.Where(p => p.OrganizationId == org && p.Id == Id);
        return (tracking ? query : query.AsNoTracking()).FirstOrDefaultAsync();
    }
}
