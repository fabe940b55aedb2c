using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Issuance;

/// <summary>
/// The step before revoking: names the credential and the person and asks for the reason; its form posts to the client
/// page's Revoke handler with <c>confirmed=true</c>. Works without JavaScript. Another organization's or site's client
/// or credential answers 404, as everywhere in the caseload.
/// </summary>
public sealed class RevokeModel(AppDbContext db, CaseRecords records, StaffScope scope) : PageModel
{
    [FromRoute]
    public Guid Id { get; set; }

    [FromQuery]
    public Guid CredentialId { get; set; }

    [FromQuery]
    [TextField(TextLimits.Sentence)]
    public string? Reason { get; set; }

    /// <summary>The credential's title (its program's name as issued).</summary>
    public string Title { get; private set; } = "";

    /// <summary>The client's name as staff entered it.</summary>
    public string Person { get; private set; } = "";

    public DateTime IssuedAt { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!scope.CanEdit)
        {
            return Forbid();
        }

        var client = await scope.FindClientAsync(Id, HttpContext.RequestAborted);
        if (client is null)
        {
            return NotFound();
        }

        var org = scope.OrganizationId;
        var credential = await db.Credentials.AsNoTracking()
            .Where(c => c.OrganizationId == org && c.Id == CredentialId && c.SourceCredentialId == null && c.RevokedAt == null
                && db.Enrollments.Any(e => e.Id == c.EnrollmentId && e.ClientId == Id && e.OrganizationId == org))
            .FirstOrDefaultAsync(HttpContext.RequestAborted);
        if (credential is null)
        {
            return NotFound();
        }

        Title = credential.AchievementName;
        Person = records.ClientName(client);
        IssuedAt = credential.IssuedAt;
        return Page();
    }
}
