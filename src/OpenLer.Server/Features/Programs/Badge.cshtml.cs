using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Badges;
using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Programs;

/// <summary>
/// Changing a program's badge (organization admins; another organization's program answers 404): upload a PNG, or choose
/// the colour of the badge drawn from the program's name. An upload is checked whole (Badges/BadgeUpload) before it is
/// stored; a refused one is shown again here with its message on the file field.
/// </summary>
public sealed class BadgeModel(AppDbContext db, BadgeImages badges) : PageModel
{
    [FromRoute]
    public Guid Id { get; set; }

    public string ProgramName { get; private set; } = "";

    public BadgeForm Form { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!User.IsInRole(AppClaims.OrgAdminRole))
        {
            return Forbid();
        }

        return await ShowAsync(null, null) ?? NotFound();
    }

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? image)
    {
        if (!User.IsInRole(AppClaims.OrgAdminRole))
        {
            return Forbid();
        }

        var org = User.OrganizationId();
        if (!await db.Programs.AnyAsync(p => p.OrganizationId == org && p.Id == Id, HttpContext.RequestAborted))
        {
            return NotFound();
        }

        string? problem;
        byte[] bytes = [];
        if (image is null || image.Length == 0)
        {
            problem = L.Key("Choose an image file to upload.");
        }
        else if (image.Length > BadgeUpload.MaxBytes)
        {
            problem = BadgeUpload.Problem(new byte[BadgeUpload.MaxBytes + 1]);
        }
        else
        {
            bytes = new byte[image.Length];
            await using (var stream = image.OpenReadStream())
            {
                await stream.ReadExactlyAsync(bytes, HttpContext.RequestAborted);
            }

            problem = BadgeUpload.Problem(bytes);
        }

        if (problem is not null)
        {
            return await ShowAsync(problem, null) ?? NotFound();
        }

        await badges.SaveImageAsync(org, Id, bytes, HttpContext.RequestAborted);
        TempData["message"] = L.Key("Badge image saved.");
        return Redirect($"/programs/{Id}#badge");
    }

    public async Task<IActionResult> OnPostColourAsync([TextField(TextLimits.Short)] string? colour)
    {
        if (!User.IsInRole(AppClaims.OrgAdminRole))
        {
            return Forbid();
        }

        var org = User.OrganizationId();
        if (!await db.Programs.AnyAsync(p => p.OrganizationId == org && p.Id == Id, HttpContext.RequestAborted))
        {
            return NotFound();
        }

        if (BadgeColour.Parse(colour) is not { } chosen)
        {
            return await ShowAsync(null, L.Key("Choose a colour written as # and six hexadecimal digits, for example #1f5f99.")) ?? NotFound();
        }

        await badges.SaveColourAsync(org, Id, chosen, HttpContext.RequestAborted);
        TempData["message"] = L.Key("Badge colour saved. The badge is made from the program's name.");
        return Redirect($"/programs/{Id}#badge");
    }

    private async Task<IActionResult?> ShowAsync(string? imageError, string? colourError)
    {
        var org = User.OrganizationId();
        var program = await db.Programs.AsNoTracking().Where(p => p.OrganizationId == org && p.Id == Id)
            .Select(p => new { p.Name }).FirstOrDefaultAsync(HttpContext.RequestAborted);
        if (program is null)
        {
            return null;
        }

        ProgramName = program.Name;
        Form = await FormAsync(db, badges, org, Id, HttpContext.RequestAborted) with { ImageError = imageError, ColourError = colourError };
        return Page();
    }

    /// <summary>The badge controls of a program of <paramref name="organizationId"/> as they are now.</summary>
    internal static async Task<BadgeForm> FormAsync(AppDbContext db, BadgeImages badges, Guid organizationId, Guid programId, CancellationToken cancellationToken)
    {
        var slug = await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId).Select(o => o.Slug).FirstAsync(cancellationToken);
        var badge = await badges.ForProgramAsync(organizationId, programId, cancellationToken)
            ?? throw new InvalidOperationException("The program is not in this organization.");
        var version = badge.ETag.Trim('"')[..12];
        return new BadgeForm(programId, BadgeAddress.Path(slug, programId) + "?v=" + version,
            await badges.ColourAsync(organizationId, programId, cancellationToken), badge.Uploaded);
    }
}
