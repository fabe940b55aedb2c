using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Issuance;

/// <summary>One client of the staff member's organization (another organization's client answers 404).</summary>
public sealed class ClientModel(AppDbContext db, Caseload caseload, CredentialIssuer issuer, Account.CodeSignIn codes) : PageModel
{
    public sealed record Row(Guid Id, string Program, string Cohort, DateTime EnrolledAt, DateTime? CompletedAt, string? EnglishLevel, bool RecordsEnglishLevel, IssuedCredential? Credential);

    [FromRoute]
    public Guid Id { get; set; }

    public string Name { get; private set; } = "";

    public List<Row> Enrollments { get; private set; } = [];

    public List<AchievementProgram> Programs { get; private set; } = [];

    public string? Message { get; private set; }

    /// <summary>A sign-in code the caseworker prints or reads out (shown once, never stored in clear).</summary>
    public string? PrintedCode { get; private set; }

    public string Contact { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostEnrollAsync(Guid programId, [TextField(TextLimits.Short)] string? cohort)
    {
        var enrollment = await caseload.EnrollAsync(User.OrganizationId(), Id, programId, string.IsNullOrWhiteSpace(cohort) ? "-" : cohort);
        return enrollment is null ? NotFound() : Redirect($"/issuance/clients/{Id}");
    }

    public async Task<IActionResult> OnPostCompleteAsync(Guid enrollmentId, [TextField(TextLimits.Paragraph)] string? evidence, [TextField(TextLimits.Short)] string? englishLevel)
    {
        if (!await OwnsEnrollmentAsync(enrollmentId))
        {
            return NotFound();
        }

        await caseload.CompleteAsync(User.OrganizationId(), enrollmentId, evidence, englishLevel);
        return Redirect($"/issuance/clients/{Id}");
    }

    public async Task<IActionResult> OnPostIssueAsync(Guid enrollmentId)
    {
        if (!await OwnsEnrollmentAsync(enrollmentId))
        {
            return NotFound();
        }

        var issued = await issuer.IssueAsync(User.OrganizationId(), enrollmentId, HttpContext.RequestAborted);
        if (!issued.IsSuccess)
        {
            Message = "The credential could not be issued. Record the completion first.";
            await LoadAsync();
            return Page();
        }

        return Redirect($"/issuance/clients/{Id}");
    }

    public async Task<IActionResult> OnPostCodeAsync()
    {
        var org = User.OrganizationId();
        var client = await db.Clients.AsNoTracking().FirstOrDefaultAsync(c => c.OrganizationId == org && c.Id == Id);
        if (client is null)
        {
            return NotFound();
        }

        PrintedCode = await codes.CreateCodeAsync(client.JobseekerId, HttpContext.RequestAborted);
        Response.Headers.CacheControl = "no-store";
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid credentialId, [TextField(TextLimits.Sentence)] string? reason)
    {
        var org = User.OrganizationId();
        var owned = await db.Credentials.AnyAsync(c => c.OrganizationId == org && c.Id == credentialId
            && db.Enrollments.Any(e => e.Id == c.EnrollmentId && e.ClientId == Id));
        if (!owned)
        {
            return NotFound();
        }

        await issuer.RevokeAsync(org, credentialId, string.IsNullOrWhiteSpace(reason) ? "-" : reason.Trim());
        return Redirect($"/issuance/clients/{Id}");
    }

    private Task<bool> OwnsEnrollmentAsync(Guid enrollmentId)
    {
        var org = User.OrganizationId();
        return db.Enrollments.AnyAsync(e => e.OrganizationId == org && e.Id == enrollmentId && e.ClientId == Id);
    }

    private async Task<bool> LoadAsync()
    {
        var org = User.OrganizationId();
        var client = await db.Clients.AsNoTracking().Include(c => c.Jobseeker).FirstOrDefaultAsync(c => c.OrganizationId == org && c.Id == Id);
        if (client is null)
        {
            return false;
        }

        Name = client.Jobseeker!.DisplayName;
        Contact = client.Jobseeker.Contact;
        var enrollments = await db.Enrollments.AsNoTracking().Include(e => e.Program)
            .Where(e => e.OrganizationId == org && e.ClientId == Id).OrderBy(e => e.EnrolledAt).ToListAsync();
        var ids = enrollments.Select(e => e.Id).ToList();
        var credentials = await db.Credentials.AsNoTracking().Where(c => c.OrganizationId == org && ids.Contains(c.EnrollmentId)).ToListAsync();
        Enrollments = [.. enrollments.Select(e => new Row(e.Id, e.Program!.Name, e.Cohort, e.EnrolledAt, e.CompletedAt, e.EnglishLevel,
            e.Program.RecordsEnglishLevel, credentials.FirstOrDefault(c => c.EnrollmentId == e.Id)))];
        Programs = await db.Programs.AsNoTracking().Where(p => p.OrganizationId == org).OrderBy(p => p.Name).ToListAsync();
        return true;
    }
}
