using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Badges;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Features.Programs;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Printing;

namespace OpenLer.Server.Features.Wallet;

/// <summary>One of the jobseeker's own credentials (someone else's answers 404), with a JSON download.</summary>
public sealed class CredentialModel(AppDbContext db, CaseRecords records, ProgramTexts texts, BadgeImages badges, ChromiumPdf pdf) : PageModel
{
    [FromRoute]
    public Guid Id { get; set; }

    public CredentialView View { get; private set; } = null!;

    public bool Revoked { get; private set; }

    /// <summary>Whether the certificate can be printed to PDF here (else the page offers the printable certificate and says so).</summary>
    public bool PdfAvailable => pdf.IsAvailable;

    /// <summary>The program's text in the reader's language when its organization translated it (display only: the signed credential is unchanged).</summary>
    public ProgramText? InYourLanguage { get; private set; }

    /// <summary>The language the credential's own text is written in (its program's language, also when translated), or null when unknown.</summary>
    public string? ContentLanguage { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var credential = await FindAsync();
        if (credential is null)
        {
            return NotFound();
        }

        View = CredentialView.From(JsonNode.Parse(records.CredentialJson(credential))!.AsObject());
        Revoked = credential.RevokedAt is not null;
        var programId = await db.Enrollments.AsNoTracking().Where(e => e.Id == credential.EnrollmentId && e.OrganizationId == credential.OrganizationId)
            .Select(e => (Guid?)e.ProgramId).FirstOrDefaultAsync(HttpContext.RequestAborted);
        if (programId is { } program && (await texts.ForReaderAsync([program], Languages.Current.Code, HttpContext.RequestAborted)).GetValueOrDefault(program) is { } text)
        {
            InYourLanguage = text.Translated ? text : null;
            ContentLanguage = text.OriginalLanguage;
        }

        return Page();
    }

    public async Task<IActionResult> OnGetDownloadAsync()
    {
        var credential = await FindAsync();
        return credential is null
            ? NotFound()
            : File(Encoding.UTF8.GetBytes(records.CredentialJson(credential)), "application/json", $"credential-{credential.Id:N}.json");
    }

    /// <summary>
    /// The program's badge image with this credential baked in (OB 3.0 §5.3), the signed JSON exactly as the wallet holds
    /// it: a PNG when the organization uploaded one, else the generated SVG.
    /// </summary>
    public async Task<IActionResult> OnGetBadgeAsync()
    {
        var credential = await FindAsync();
        if (credential is null)
        {
            return NotFound();
        }

        var programId = await db.Enrollments.AsNoTracking().Where(e => e.Id == credential.EnrollmentId && e.OrganizationId == credential.OrganizationId)
            .Select(e => (Guid?)e.ProgramId).FirstOrDefaultAsync(HttpContext.RequestAborted);
        var badge = programId is { } program ? await badges.ForProgramAsync(credential.OrganizationId, program, HttpContext.RequestAborted) : null;
        if (badge is null)
        {
            return NotFound();
        }

        var baked = BakedBadgeFile.Bake(badge, records.CredentialJson(credential));
        return File(baked.Bytes, baked.MediaType, $"badge-{credential.Id:N}.{baked.Extension}");
    }

    private Task<IssuedCredential?> FindAsync()
    {
        var owner = User.JobseekerId();
        return db.Credentials.AsNoTracking().FirstOrDefaultAsync(c => c.JobseekerId == owner && c.Id == Id && c.SourceCredentialId == null);
    }
}
