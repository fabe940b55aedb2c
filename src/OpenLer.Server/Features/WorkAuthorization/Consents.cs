using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.WorkAuthorization;

/// <summary>
/// Recorded consent before work-authorization data is recorded (what, why, who, when, in which language), and its
/// withdrawal, which erases the record's protected fields at once. Every step is in the audit trail.
/// </summary>
public sealed class Consents(AppDbContext db, AuditTrail audit, TimeProvider time)
{
    /// <summary>The version of the wording below; a new wording gets a new version.</summary>
    public const string TextVersion = "wa-consent-1";

    /// <summary>What the person is shown (read out or given to read) in their language; {0} is the organization's name.</summary>
    public static readonly string Text = L.Key("{0} will record what your work-authorization document shows: your status, the document, its numbers and dates. We use it only to give you a digital credential that you keep and control. The details are encrypted and hidden. Staff see them only when they give a reason, and every time is recorded. You choose what an employer sees. You can withdraw this consent at any time, here or in your wallet: we then erase the details.");

    public Task<ProtectedDataConsent?> ActiveAsync(Guid organizationId, Guid clientId, CancellationToken cancellationToken = default) =>
        db.Set<ProtectedDataConsent>().Where(c => c.OrganizationId == organizationId && c.ClientId == clientId && c.WithdrawnAt == null)
            .OrderByDescending(c => c.RecordedAt).FirstOrDefaultAsync(cancellationToken);

    public async Task<ProtectedDataConsent> RecordAsync(Guid organizationId, Guid clientId, string language, string staffId, CancellationToken cancellationToken = default)
    {
        var consent = new ProtectedDataConsent
        {
            Id = Guid.NewGuid(),
            OrganizationId = organizationId,
            ClientId = clientId,
            TextVersion = TextVersion,
            Language = Languages.Find(language).Code,
            RecordedBy = staffId,
            RecordedAt = time.GetUtcNow().UtcDateTime,
        };
        await using var transaction = await db.Database.BeginOrJoinAsync(cancellationToken);
        db.Set<ProtectedDataConsent>().Add(consent);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.ConsentRecorded, "client", clientId, organizationId, detail: consent.Scope + " " + consent.Language, cancellationToken: cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return consent;
    }

    /// <summary>
    /// Withdraws a consent (by "person" or "staff") and erases the protected fields recorded under it; false when the
    /// consent is unknown or already withdrawn. Credentials already in the person's wallet stay theirs.
    /// </summary>
    public async Task<bool> WithdrawAsync(Guid consentId, string by, (string Kind, string? Id)? actor = null, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginOrJoinAsync(cancellationToken);
        var consent = await db.Set<ProtectedDataConsent>().FirstOrDefaultAsync(c => c.Id == consentId && c.WithdrawnAt == null, cancellationToken);
        if (consent is null)
        {
            return false;
        }

        var now = time.GetUtcNow().UtcDateTime;
        consent.WithdrawnAt = now;
        consent.WithdrawnBy = by;
        var record = await db.Set<WorkAuthorizationRecord>().FirstOrDefaultAsync(r => r.OrganizationId == consent.OrganizationId && r.ClientId == consent.ClientId, cancellationToken);
        if (record is not null && record.ErasedAt is null)
        {
            WorkAuthorizationRecords.Erase(record, ErasureReasons.ConsentWithdrawn, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.ConsentWithdrawn, "client", consent.ClientId, consent.OrganizationId, detail: by, actor: actor, cancellationToken: cancellationToken);
        if (record?.ErasedReason == ErasureReasons.ConsentWithdrawn && record.ErasedAt == now)
        {
            await audit.RecordAsync(AuditActions.ProtectedErased, "work-authorization", record.Id, record.OrganizationId, detail: ErasureReasons.ConsentWithdrawn, actor: actor, cancellationToken: cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
