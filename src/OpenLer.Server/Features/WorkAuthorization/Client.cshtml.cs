using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.WorkAuthorization;

/// <summary>
/// A client's work authorization, for staff of the client's site (404 otherwise): consent first, then the record form;
/// the recorded fields stay hidden until "Show" (a reason, one page view, an audit record); a preview of exactly what will
/// be issued, then issue or revoke. Viewers may look but not change anything (their POSTs are refused by the staff guard).
/// </summary>
public sealed class ClientModel(AppDbContext db, StaffScope scope, CaseRecords caseRecords, Consents consents, WorkAuthorizationRecords records,
    WorkAuthorizationIssuer issuer, OrganizationKeys keys, AuditTrail audit, TextCatalog catalog, TimeProvider time) : PageModel
{
    public sealed record CredentialRow(Guid Id, DateTime IssuedAt, bool Current, DateTime? RevokedAt, string? RevocationReason);

    /// <summary>A fact to show: a raw value, a localization key (<see cref="Translate"/>) or a yyyy-MM-dd date (<see cref="IsDate"/>).</summary>
    public sealed record FactLine(string Label, string Value, bool IsDate = false, bool Translate = false);

    [FromRoute]
    public Guid Id { get; set; }

    public string Name { get; private set; } = "";

    public string OrganizationName { get; private set; } = "";

    public ProtectedDataConsent? Consent { get; private set; }

    public string? ConsentByName { get; private set; }

    /// <summary>The language the consent text is shown in now.</summary>
    public string ConsentLanguage { get; private set; } = "en";

    public string ConsentText { get; private set; } = "";

    public WorkAuthorizationRecord? Record { get; private set; }

    /// <summary>The decrypted fields, only on the page view that asked for them.</summary>
    public IReadOnlyList<FactLine>? Revealed { get; private set; }

    /// <summary>The claims that will be issued, only on the preview page view.</summary>
    public IReadOnlyList<FactLine>? Preview { get; private set; }

    public string? PreviewJson { get; private set; }

    public List<CredentialRow> Credentials { get; private set; } = [];

    public bool Linked { get; private set; }

    public WorkAuthorizationInput Input { get; private set; } = new();

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public string? Message { get; private set; }

    public string? Problem { get; private set; }

    public bool CanEdit => scope.CanEdit;

    public string Today => time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public FieldError? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field);

    public async Task<IActionResult> OnGetAsync(string? consentLanguage)
    {
        Message = TempData["message"] as string;
        return await LoadAsync(consentLanguage) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostConsentAsync(string? language, bool agreed)
    {
        if (!await LoadAsync(language))
        {
            return NotFound();
        }

        if (!agreed)
        {
            Problem = L.Key("Tick the box when the person has heard or read the text and agrees.");
            return Page();
        }

        if (Consent is null)
        {
            await consents.RecordAsync(scope.OrganizationId, Id, ConsentLanguage, scope.StaffId, HttpContext.RequestAborted);
        }

        TempData["message"] = L.Key("Consent recorded. You can now record the document.");
        return Redirect(Path);
    }

    public async Task<IActionResult> OnPostWithdrawAsync(bool confirmed)
    {
        if (!await LoadAsync(null))
        {
            return NotFound();
        }

        if (Consent is null || !confirmed)
        {
            Problem = L.Key("Tick the box to confirm that the person withdraws their consent.");
            return Page();
        }

        await consents.WithdrawAsync(Consent.Id, "staff", cancellationToken: HttpContext.RequestAborted);
        TempData["message"] = L.Key("Consent withdrawn. The recorded details are erased.");
        return Redirect(Path);
    }

    public async Task<IActionResult> OnPostRecordAsync(WorkAuthorizationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!await LoadAsync(null))
        {
            return NotFound();
        }

        if (Consent is null)
        {
            Problem = L.Key("Record the person's consent first.");
            return Page();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var (facts, errors) = input.Validate(DateOnly.FromDateTime(now), scope.StaffId);
        if (facts is null)
        {
            Input = input;
            Errors = errors;
            Problem = L.Key("The document was not recorded. Correct what is marked below.");
            Response.Headers.CacheControl = "no-store";
            return Page();
        }

        await using var transaction = await db.Database.BeginOrJoinAsync(HttpContext.RequestAborted);
        var record = await records.FindAsync(scope.OrganizationId, Id, HttpContext.RequestAborted);
        if (record is null)
        {
            record = new WorkAuthorizationRecord { Id = Guid.NewGuid(), OrganizationId = scope.OrganizationId, ClientId = Id, RecordedAt = now };
            db.Set<WorkAuthorizationRecord>().Add(record);
        }

        record.ConsentId = Consent.Id;
        record.Version++;
        record.RecordedAt = now;
        record.LastActivityAt = now;
        records.Write(record, facts);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        await audit.RecordAsync(AuditActions.ProtectedRecorded, "work-authorization", record.Id, scope.OrganizationId,
            detail: "version " + record.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken: HttpContext.RequestAborted);
        await transaction.CommitAsync(HttpContext.RequestAborted);
        TempData["message"] = Credentials.Any(c => c.RevokedAt is null)
            ? L.Key("Document recorded. The credential in the person's wallet is from the previous document: issue again to replace it.")
            : L.Key("Document recorded.");
        return Redirect(Path);
    }

    public async Task<IActionResult> OnPostShowAsync(string? reason)
    {
        if (!await LoadAsync(null))
        {
            return NotFound();
        }

        if (Record is null || Record.ErasedAt is not null)
        {
            return Page();
        }

        if (!WorkAuthorizationVocabulary.RevealReasons.Any(r => r.Code == reason))
        {
            Problem = L.Key("Choose why you need to see the details.");
            return Page();
        }

        await RevealAsync(reason!);
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync()
    {
        if (!await LoadAsync(null))
        {
            return NotFound();
        }

        if (Record is null || Record.ErasedAt is not null)
        {
            return Page();
        }

        var facts = await RevealAsync("preview");
        var org = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == scope.OrganizationId);
        var claims = issuer.Preview(org, await keys.ActiveKeyAsync(org.Id), facts);
        if (!claims.IsSuccess)
        {
            Problem = L.Key("This document is no longer valid: record a current document before issuing.");
            return Page();
        }

        Preview = Lines(claims.Value);
        PreviewJson = OpenLer.Credentials.Json.StrictJson.Serialize(claims.Value, indented: true);
        return Page();
    }

    public async Task<IActionResult> OnPostIssueAsync(int version)
    {
        if (!await LoadAsync(null))
        {
            return NotFound();
        }

        var issued = await issuer.IssueAsync(scope.OrganizationId, Id, version, HttpContext.RequestAborted);
        if (!issued.IsSuccess)
        {
            Problem = issued.Error.Code switch
            {
                "NOT_LINKED" => L.Key("The credential cannot be issued yet: the person has not accepted your invitation."),
                "CHANGED" => L.Key("The record changed since your preview. Look at the preview again before issuing."),
                "EXPIRED" => L.Key("This document is no longer valid: record a current document before issuing."),
                _ => L.Key("Record the person's consent and their document first."),
            };
            return Page();
        }

        TempData["message"] = L.Key("Work-authorization credential issued to the person's wallet.");
        return Redirect(Path);
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid credentialId)
    {
        if (!await LoadAsync(null))
        {
            return NotFound();
        }

        if (!await issuer.RevokeAsync(scope.OrganizationId, Id, credentialId, RevocationReasons.Staff, HttpContext.RequestAborted))
        {
            return NotFound();
        }

        TempData["message"] = L.Key("Credential revoked.");
        return Redirect(Path);
    }

    private string Path => $"/work-authorization/clients/{Id}";

    private async Task<WorkAuthorizationFacts> RevealAsync(string reason)
    {
        var facts = records.Read(Record!);
        Record!.LastActivityAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        await audit.RecordAsync(AuditActions.ProtectedReveal, "work-authorization", Record.Id, scope.OrganizationId, detail: reason,
            cancellationToken: HttpContext.RequestAborted);
        var seenBy = await db.Users.AsNoTracking().Where(u => u.Id == facts.SeenBy && u.OrganizationId == scope.OrganizationId)
            .Select(u => u.DisplayName).FirstOrDefaultAsync(HttpContext.RequestAborted);
        var category = OpenLer.Credentials.WorkAuthorization.EadCategories.Find(facts.EadCategory);
        Revealed =
        [
            new(L.Key("Status category"), WorkAuthorizationVocabulary.StatusLabel(facts.StatusCategory) ?? facts.StatusCategory, Translate: true),
            new(L.Key("Document type"), WorkAuthorizationVocabulary.DocumentLabel(facts.DocumentType) ?? facts.DocumentType, Translate: true),
            .. category is null ? Array.Empty<FactLine>() : [new FactLine(L.Key("Category"), category.Code + " " + category.FormReference + " · " + category.Description)],
            new(L.Key("Document number"), facts.DocumentNumber ?? "-"),
            new(L.Key("A-number"), facts.ANumber ?? "-"),
            facts.ValidUntil is { } until ? new(L.Key("Valid until"), until.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), IsDate: true) : new(L.Key("Valid until"), L.Key("No end date"), Translate: true),
            new(L.Key("Document seen on"), facts.SeenOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), IsDate: true),
            new(L.Key("Seen by"), seenBy ?? "-"),
        ];
        Response.Headers.CacheControl = "no-store";
        return facts;
    }

    /// <summary>The claims that will be issued, in the order people read them (token claims are named in the technical details).</summary>
    private static List<FactLine> Lines(JsonObject claims)
    {
        var lines = new List<FactLine>();
        foreach (var (claim, label, _) in WorkAuthorizationVocabulary.Facts)
        {
            if (claims[claim] is JsonValue value)
            {
                lines.Add(value.TryGetValue<bool>(out var flag)
                    ? new FactLine(label, flag ? L.Key("Yes") : L.Key("No"), Translate: true)
                    : new FactLine(label, Display(claim, value.ToString()), IsDate: claim is "valid_until" or "document_seen_at",
                        Translate: claim is "status_category" or "document_type"));
            }
        }

        if (claims[OpenLer.Credentials.WorkAuthorization.WorkAuthorizationCredential.NoExpiryClaim] is not null)
        {
            lines.Insert(1, new FactLine(L.Key("Valid until"), L.Key("No end date"), Translate: true));
        }

        return lines;
    }

    private static string Display(string claim, string value) => claim switch
    {
        "status_category" => WorkAuthorizationVocabulary.StatusLabel(value) ?? value,
        "document_type" => WorkAuthorizationVocabulary.DocumentLabel(value) ?? value,
        "document_seen_at" => value[..Math.Min(10, value.Length)],
        _ => value,
    };

    private async Task<bool> LoadAsync(string? consentLanguage)
    {
        var client = await scope.FindClientAsync(Id, HttpContext.RequestAborted);
        if (client is null)
        {
            return false;
        }

        var org = scope.OrganizationId;
        Name = caseRecords.ClientName(client);
        Linked = client.JobseekerId is not null && client.Link is ClientLinks.Created or ClientLinks.Linked;
        OrganizationName = await db.Organizations.Where(o => o.Id == org).Select(o => o.Name).FirstAsync(HttpContext.RequestAborted);
        Consent = await consents.ActiveAsync(org, Id, HttpContext.RequestAborted);
        if (Consent is not null)
        {
            var by = Consent.RecordedBy;
            ConsentByName = await db.Users.AsNoTracking().Where(u => u.Id == by && u.OrganizationId == org).Select(u => u.DisplayName).FirstOrDefaultAsync(HttpContext.RequestAborted);
        }

        ConsentLanguage = Languages.IsSupported(consentLanguage) ? Languages.Find(consentLanguage).Code : Consent?.Language ?? client.Language;
        ConsentText = string.Format(Languages.Culture(ConsentLanguage), catalog.Find(ConsentLanguage, Consents.Text) ?? Consents.Text, OrganizationName);
        Record = await records.FindAsync(org, Id, HttpContext.RequestAborted);
        var issued = await db.Set<IssuedWorkAuthorization>().AsNoTracking().Where(c => c.OrganizationId == org && c.ClientId == Id)
            .OrderByDescending(c => c.IssuedAt).ToListAsync(HttpContext.RequestAborted);
        Credentials = [.. issued.Select(c => new CredentialRow(c.Id, c.IssuedAt, Record is not null && c.RecordVersion == Record.Version && c.RecordId == Record.Id,
            c.RevokedAt, c.RevocationReason))];
        return true;
    }
}
