using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenLer.Credentials.WorkAuthorization;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Features.WorkAuthorization;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Wallet;

/// <summary>
/// The person's work-authorization credential in plain language: each fact with what it means. The facts that can show
/// their status (status, document, category, numbers) stay hidden until they press "Show" (one page view, recorded in the
/// audit trail). Download gives the SD-JWT VC itself.
/// </summary>
public sealed class WorkAuthorizationCardModel(AppDbContext db, WorkAuthorizationIssuer issuer, AuditTrail audit, TimeProvider time) : PageModel
{
    public sealed record Fact(string Claim, string Label, string Meaning, string? Text, DateTime? Date, bool? Flag, bool Hidden, bool TextIsKey);

    [FromRoute]
    public Guid Id { get; set; }

    public string Issuer { get; private set; } = "";

    public DateTime IssuedAt { get; private set; }

    public bool Revoked { get; private set; }

    public bool Expired { get; private set; }

    public bool Revealed { get; private set; }

    public List<Fact> Facts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync(reveal: false) ? Page() : NotFound();

    public async Task<IActionResult> OnPostShowAsync()
    {
        if (!await LoadAsync(reveal: true))
        {
            return NotFound();
        }

        await audit.RecordAsync(AuditActions.ProtectedReveal, "work-authorization", Id, null, detail: "holder", cancellationToken: HttpContext.RequestAborted);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnGetDownloadAsync()
    {
        var credential = await FindAsync();
        return credential is null || issuer.SdJwt(credential) is not { } sdJwt
            ? NotFound()
            : File(Encoding.UTF8.GetBytes(sdJwt), "application/dc+sd-jwt", $"work-authorization-{credential.Id:N}.sd-jwt");
    }

    private Task<IssuedWorkAuthorization?> FindAsync()
    {
        var owner = User.JobseekerId();
        return db.Set<IssuedWorkAuthorization>().AsNoTracking().FirstOrDefaultAsync(c => c.JobseekerId == owner && c.Id == Id && c.SdJwtCipher != null);
    }

    private async Task<bool> LoadAsync(bool reveal)
    {
        var credential = await FindAsync();
        if (credential is null || issuer.SdJwt(credential) is not { } sdJwt)
        {
            return false;
        }

        Revealed = reveal;
        Issuer = await db.Organizations.Where(o => o.Id == credential.OrganizationId).Select(o => o.Name).FirstAsync();
        IssuedAt = credential.IssuedAt;
        Revoked = credential.RevokedAt is not null;
        var claims = WorkAuthorizationCredential.Claims(sdJwt).Value;
        Expired = claims["exp"] is JsonValue exp && exp.TryGetValue<long>(out var seconds) && DateTimeOffset.FromUnixTimeSeconds(seconds) <= time.GetUtcNow();
        foreach (var (claim, label, meaning) in WorkAuthorizationVocabulary.Facts)
        {
            var hidden = !reveal && WorkAuthorizationVocabulary.Sensitive.Contains(claim);
            switch (claims[claim])
            {
                case JsonValue v when v.TryGetValue<bool>(out var flag):
                    Facts.Add(new Fact(claim, label, meaning, null, null, flag, false, false));
                    break;
                case JsonValue v when v.TryGetValue<string>(out var text):
                    var date = claim is "valid_until" or "document_seen_at" && DateTime.TryParse(text[..Math.Min(10, text.Length)], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d) ? d : (DateTime?)null;
                    var known = claim switch
                    {
                        "status_category" => WorkAuthorizationVocabulary.StatusLabel(text),
                        "document_type" => WorkAuthorizationVocabulary.DocumentLabel(text),
                        _ => null,
                    };
                    Facts.Add(new Fact(claim, label, meaning, hidden ? null : known ?? text, date, null, hidden, known is not null));
                    break;
                case null when claim == "valid_until" && claims[WorkAuthorizationCredential.NoExpiryClaim] is not null:
                    Facts.Add(new Fact(claim, label, meaning, Infrastructure.Localization.L.Key("No end date"), null, null, false, true));
                    break;
                default:
                    break;
            }
        }

        return true;
    }
}
