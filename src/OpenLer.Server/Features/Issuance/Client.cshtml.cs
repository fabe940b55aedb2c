using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Issuance;

/// <summary>One client of the staff member's sites (another organization's or another site's client answers 404). Each view is audited.</summary>
public sealed class ClientModel(AppDbContext db, Caseload caseload, CredentialIssuer issuer, CodeSignIn codes, CaseRecords records, StaffScope scope,
    AuditTrail audit, IOptions<DeploymentOptions> options, TimeProvider time) : PageModel
{
    public const int EvidenceMaxLength = 2000;
    public const int ReasonMaxLength = 500;

    public sealed record Row(Guid Id, string Program, string Cohort, DateTime EnrolledAt, DateTime? CompletedAt, string? EnglishLevel, bool RecordsEnglishLevel, IssuedCredential? Credential)
    {
        /// <summary>Why the credential was revoked (decrypted for this page), or null.</summary>
        public string? RevocationReason { get; init; }
    }

    [FromRoute]
    public Guid Id { get; set; }

    public string Name { get; private set; } = "";

    public string Contact { get; private set; } = "";

    public string Link { get; private set; } = ClientLinks.Created;

    /// <summary>Whether this organization may print a sign-in letter (it created the account and the person has not claimed it).</summary>
    public bool MayPrintLetter { get; private set; }

    public List<Row> Enrollments { get; private set; } = [];

    public List<AchievementProgram> Programs { get; private set; } = [];

    public string? Message { get; private set; }

    /// <summary>A letter code (shown once, never stored in clear) and until when it works.</summary>
    public string? LetterCode { get; private set; }

    public DateTime? LetterUntil { get; private set; }

    public string SignInAddress => options.Value.BaseUrl + "/account/code";

    public bool CanEdit => scope.CanEdit;

    public async Task<IActionResult> OnGetAsync()
    {
        Message = TempData["message"] as string;
        if (!await LoadAsync())
        {
            return NotFound();
        }

        await audit.RecordAsync(AuditActions.ClientViewed, "client", Id, scope.OrganizationId);
        return Page();
    }

    public async Task<IActionResult> OnPostEnrollAsync(Guid programId, [TextField(TextLimits.Short)] string? cohort)
    {
        if (await scope.FindClientAsync(Id) is null)
        {
            return NotFound();
        }

        var enrollment = await caseload.EnrollAsync(scope.OrganizationId, Id, programId, string.IsNullOrWhiteSpace(cohort) ? "-" : cohort[..Math.Min(cohort.Length, 100)]);
        TempData["message"] = L.Key("Enrolled.");
        return enrollment is null ? NotFound() : Redirect($"/issuance/clients/{Id}");
    }

    public async Task<IActionResult> OnPostCompleteAsync(Guid enrollmentId, [TextField(TextLimits.Paragraph)] string? evidence, [TextField(TextLimits.Short)] string? englishLevel)
    {
        if (!await OwnsEnrollmentAsync(enrollmentId))
        {
            return NotFound();
        }

        if (evidence is { Length: > EvidenceMaxLength })
        {
            Message = L.Key("The evidence is too long (at most 2,000 characters).");
            await LoadAsync();
            return Page();
        }

        await caseload.CompleteAsync(scope.OrganizationId, enrollmentId, evidence, englishLevel);
        TempData["message"] = L.Key("Completion recorded.");
        return Redirect($"/issuance/clients/{Id}");
    }

    public async Task<IActionResult> OnPostIssueAsync(Guid enrollmentId)
    {
        if (!await OwnsEnrollmentAsync(enrollmentId))
        {
            return NotFound();
        }

        var issued = await issuer.IssueAsync(scope.OrganizationId, enrollmentId, HttpContext.RequestAborted);
        if (!issued.IsSuccess)
        {
            Message = issued.Error.Code == "NOT_LINKED"
                ? L.Key("The credential cannot be issued yet: the person has not accepted your invitation.")
                : L.Key("The credential could not be issued. Record the completion first.");
            await LoadAsync();
            return Page();
        }

        TempData["message"] = L.Key("Credential issued.");
        return Redirect($"/issuance/clients/{Id}");
    }

    public async Task<IActionResult> OnPostLetterAsync()
    {
        var client = await scope.FindClientAsync(Id);
        if (client?.JobseekerId is not { } jobseekerId || client.Link != ClientLinks.Created)
        {
            return NotFound();
        }

        LetterCode = await codes.CreateLetterCodeAsync(scope.OrganizationId, jobseekerId, scope.StaffId, HttpContext.RequestAborted);
        if (LetterCode is null)
        {
            Message = L.Key("The person has claimed their account: they sign in with their own e-mail or phone now.");
        }
        else
        {
            LetterUntil = time.GetUtcNow().UtcDateTime + CodeSignIn.LetterLifetime;
        }

        Response.Headers.CacheControl = "no-store";
        await LoadAsync();
        return Page();
    }

    /// <summary>Revokes after the confirmation step (<see cref="RevokeModel"/>); without <paramref name="confirmed"/> it sends the browser there.</summary>
    public async Task<IActionResult> OnPostRevokeAsync(Guid credentialId, [TextField(TextLimits.Sentence)] string? reason, bool confirmed)
    {
        if (!await OwnsEnrollmentOfCredentialAsync(credentialId))
        {
            return NotFound();
        }

        if (!confirmed || string.IsNullOrWhiteSpace(reason))
        {
            return Redirect($"/issuance/clients/{Id}/revoke?credentialId={credentialId}");
        }

        var text = string.IsNullOrWhiteSpace(reason) ? "-" : reason.Trim();
        await issuer.RevokeAsync(scope.OrganizationId, credentialId, text[..Math.Min(text.Length, ReasonMaxLength)]);
        TempData["message"] = L.Key("Credential revoked.");
        return Redirect($"/issuance/clients/{Id}");
    }

    private async Task<bool> OwnsEnrollmentAsync(Guid enrollmentId)
    {
        if (await scope.FindClientAsync(Id) is null)
        {
            return false;
        }

        var org = scope.OrganizationId;
        return await db.Enrollments.AnyAsync(e => e.OrganizationId == org && e.Id == enrollmentId && e.ClientId == Id);
    }

    private async Task<bool> OwnsEnrollmentOfCredentialAsync(Guid credentialId)
    {
        if (await scope.FindClientAsync(Id) is null)
        {
            return false;
        }

        var org = scope.OrganizationId;
        return await db.Credentials.AnyAsync(c => c.OrganizationId == org && c.Id == credentialId && c.SourceCredentialId == null && db.Enrollments.Any(e => e.Id == c.EnrollmentId && e.ClientId == Id));
    }

    private async Task<bool> LoadAsync()
    {
        var org = scope.OrganizationId;
        var client = await scope.FindClientAsync(Id);
        if (client is null)
        {
            return false;
        }

        Name = records.ClientName(client);
        Contact = Contacts.Display(records.ClientContact(client) ?? "");
        Link = client.Link;
        if (client.Link == ClientLinks.Created && client.JobseekerId is { } jobseekerId)
        {
            MayPrintLetter = await db.Jobseekers.AnyAsync(j => j.Id == jobseekerId && j.CreatedByOrganizationId == org && j.ClaimedAt == null);
        }

        var enrollments = await db.Enrollments.AsNoTracking().Include(e => e.Program)
            .Where(e => e.OrganizationId == org && e.ClientId == Id).OrderBy(e => e.EnrolledAt).ToListAsync();
        var ids = enrollments.Select(e => e.Id).ToList();
        var credentials = await db.Credentials.AsNoTracking().Where(c => c.OrganizationId == org && ids.Contains(c.EnrollmentId) && c.SourceCredentialId == null).ToListAsync();
        Enrollments = [.. enrollments.Select(e =>
        {
            var credential = credentials.FirstOrDefault(c => c.EnrollmentId == e.Id);
            return new Row(e.Id, e.Program!.Name, e.Cohort, e.EnrolledAt, e.CompletedAt, e.EnglishLevel, e.Program.RecordsEnglishLevel, credential)
            {
                RevocationReason = credential is null ? null : records.RevocationReason(credential),
            };
        })];
        Programs = await db.Programs.AsNoTracking().Where(p => p.OrganizationId == org).OrderBy(p => p.Name).ToListAsync();
        return true;
    }
}
