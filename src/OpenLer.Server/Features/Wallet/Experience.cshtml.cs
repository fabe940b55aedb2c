using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Wallet;

/// <summary>Edits one of the person's self-reported entries (someone else's answers 404); links that carry it show the new text.</summary>
public sealed class ExperienceModel(AppDbContext db, SelfReportedRecords selfReported) : PageModel
{
    [FromRoute]
    public Guid Id { get; set; }

    public string Kind { get; private set; } = "work";

    public string Description { get; private set; } = "";

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var entry = await FindAsync();
        if (entry is null)
        {
            return NotFound();
        }

        Kind = entry.Kind;
        Description = selfReported.Description(entry);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? kind, string? description)
    {
        var entry = await FindAsync();
        if (entry is null)
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(description) || description.Length > IndexModel.EntryMaxLength)
        {
            Kind = entry.Kind;
            Description = description ?? "";
            Error = L.Key("Write what you did, in at most 500 characters.");
            return Page();
        }

        entry.Kind = kind == "language" ? "language" : "work";
        selfReported.SetDescription(entry, description.Trim());
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        TempData["message"] = L.Key("Saved. Links that carry it show the new text.");
        return Redirect("/wallet");
    }

    private Task<SelfReportedExperience?> FindAsync()
    {
        var owner = User.JobseekerId();
        return db.SelfReported.FirstOrDefaultAsync(e => e.JobseekerId == owner && e.Id == Id);
    }
}
