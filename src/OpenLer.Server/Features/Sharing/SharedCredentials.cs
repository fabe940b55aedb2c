using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Verification;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Features.Verify;
using OpenLer.Server.Features.Wallet;
using OpenLer.Server.Features.WorkAuthorization;
using OpenLer.Server.Infrastructure.Observability;

namespace OpenLer.Server.Features.Sharing;

/// <summary>
/// Verifies the credentials of a share for the employer's page. Each credential's verified view is cached under its
/// issuing organization's stamp, read in the same query as the credential (before verifying), so a revocation, key
/// rotation or organization change saved on any instance makes the next view verify again; a cached view also expires
/// with the credential's validity and <see cref="VerificationCacheOptions.MaxAgeSeconds"/>. Each credential is parsed
/// once (the view is built from the verifier's document). These are this deployment's own stored credentials, so they are
/// verified outside the verification budget's slots. Keys also hold a fingerprint of the stored value, so a stored
/// credential or presentation that changed is verified again (the stored credential is compared whole with the one a
/// result was verified from).
/// </summary>
public sealed class SharedCredentials(AppDbContext db, CaseRecords records, ShareService shares, DeploymentVerifier verifier, VerificationCache cache,
    OpenLerMetrics metrics, TimeProvider time)
{
    private const string Where = "share";

    /// <summary>
    /// The share's credentials of its holder, with their organizations' stamps and the program each was issued for (through
    /// its enrollment in the same organization, as the wallet matches it), in issue order: compiled once.
    /// </summary>
    private static readonly PerModel<Func<AppDbContext, Guid, List<Guid>, IAsyncEnumerable<CredentialRow>>> CredentialsOf = new(() => EF.CompileAsyncQuery(
        (AppDbContext context, Guid jobseekerId, List<Guid> ids) => context.Credentials.AsNoTracking()
            .Where(c => c.JobseekerId == jobseekerId && ids.Contains(c.Id))
            .Join(context.Organizations, c => c.OrganizationId, o => o.Id, (c, o) => new { Credential = c, o.Stamp })
            .OrderBy(r => r.Credential.IssuedAt)
            .Select(r => new CredentialRow(r.Credential, r.Stamp, context.Enrollments
                .Where(e => e.Id == r.Credential.EnrollmentId && e.OrganizationId == r.Credential.OrganizationId)
                .Select(e => (Guid?)e.ProgramId).FirstOrDefault()))));

    /// <summary>The share's credentials (in issue order), then its work authorization, each verified now or recalled.</summary>
    public async Task<List<SharedItem>> VerifyAsync(Share share, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(share);
        var items = new List<SharedItem>();
        var culture = CultureInfo.CurrentUICulture.Name;
        var ids = share.Items.Where(i => i.Kind == ShareItemKinds.Credential && i.CredentialId != null).Select(i => i.CredentialId!.Value).ToList();
        if (ids.Count > 0)
        {
            // Read to the end before verifying: verification reads status lists and keys on the same connection.
            var rows = new List<CredentialRow>(ids.Count);
            await foreach (var row in CredentialsOf.For(db)(db, share.JobseekerId, ids).WithCancellation(cancellationToken))
            {
                rows.Add(row);
            }

            foreach (var row in rows)
            {
                var key = (Where, row.Credential.Id, row.Stamp, culture);
                var stored = row.Credential.JsonCipher ?? row.Credential.LegacyJson;
                SharedItem item;
                if (cache.TryGet<Recalled>(key, out var recalled) && string.Equals(recalled.Stored, stored, StringComparison.Ordinal))
                {
                    item = recalled.Item;
                    Count(item.Result, cached: true);
                }
                else
                {
                    var result = await verifier.VerifyAsync(records.CredentialJson(row.Credential), cancellationToken);
                    var document = result.Credential?.Document;
                    item = new SharedItem(document is null ? null : CredentialView.From(document), WithoutDocument(result)) { CredentialId = row.Credential.Id, ProgramId = row.ProgramId };
                    cache.Set(key, new Recalled(stored, item), NotAfter(document));
                    Count(result, cached: false);
                }

                items.Add(item);
            }
        }

        var work = share.Items.Where(i => i.Kind == ShareItemKinds.WorkAuthorization && i.PresentationCipher != null).ToList();
        if (work.Count > 0)
        {
            var workIds = work.Select(i => i.CredentialId).OfType<Guid>().ToList();
            var issuers = await db.Set<IssuedWorkAuthorization>().AsNoTracking().Where(c => workIds.Contains(c.Id))
                .Join(db.Organizations, c => c.OrganizationId, o => o.Id, (c, o) => new { c.Id, o.Name, o.Stamp }).ToListAsync(cancellationToken);
            foreach (var entry in work)
            {
                var issuer = issuers.FirstOrDefault(i => i.Id == entry.CredentialId);
                var key = (Where, entry.Id, issuer?.Stamp ?? 0, culture);
                if (issuer is not null && cache.TryGet<Recalled>(key, out var recalled) && string.Equals(recalled.Stored, entry.PresentationCipher, StringComparison.Ordinal))
                {
                    Count(recalled.Item.Result, cached: true);
                    items.Add(recalled.Item);
                    continue;
                }

                if (shares.Presentation(entry) is not { } presentation)
                {
                    continue;
                }

                var result = await verifier.VerifyAsync(presentation, shares.KeyBinding(share), cancellationToken);
                var view = result.Credential?.Document is JsonObject claims && result.Credential.Format == CredentialFormats.SdJwtVc ? CredentialView.FromSdJwtVc(claims) : null;

                // A verified credential of this deployment's organization is shown with the organization's name, not only its DID.
                if (view is not null && result.Verified && issuer is not null)
                {
                    view = view with { IssuerName = issuer.Name };
                }

                var item = new SharedItem(view, WithoutDocument(result), WorkAuthorization: true);
                if (issuer is not null)
                {
                    var notAfter = NotAfter(result.Credential?.Document);
                    var shareEnds = new DateTimeOffset(DateTime.SpecifyKind(share.ExpiresAt, DateTimeKind.Utc));
                    cache.Set(key, new Recalled(entry.PresentationCipher, item), notAfter is { } n && n < shareEnds ? n : shareEnds);
                }

                Count(result, cached: false);
                items.Add(item);
            }
        }

        return items;
    }

    /// <summary>A stored credential and its organization's stamp, as read for one view.</summary>
    private sealed record CredentialRow(IssuedCredential Credential, long Stamp, Guid? ProgramId);

    /// <summary>
    /// A verified view and the stored value it was verified from: a stored value that changed since (re-encrypted by a key
    /// rotation, or written behind the app's back) is verified again rather than recalled. Compared whole, not hashed.
    /// </summary>
    private sealed record Recalled(string? Stored, SharedItem Item);

    private void Count(VerificationResult result, bool cached) => metrics.Verification(result, Where, cached);

    /// <summary>The checks alone: the page shows them, and a cached value then holds no parsed document.</summary>
    private static VerificationResult WithoutDocument(VerificationResult result) => new(result.Checks);

    /// <summary>
    /// When a result stops holding by the credential's own dates: its validUntil / expirationDate / exp (VC Data Model 2.0
    /// §4.9, RFC 7519 §4.1.4), or its validFrom while that is still ahead (so a not-yet-valid credential is checked again).
    /// </summary>
    private DateTimeOffset? NotAfter(JsonObject? document)
    {
        if (document is null)
        {
            return null;
        }

        DateTimeOffset? limit = null;
        foreach (var name in new[] { "validUntil", "expirationDate", "validFrom", "issuanceDate" })
        {
            if (CredentialFields.Text(document, name) is { } text
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when)
                && (name is "validUntil" or "expirationDate" || when > time.GetUtcNow()))
            {
                limit = limit is { } l && l < when ? l : when;
            }
        }

        foreach (var name in new[] { "exp", "nbf" })
        {
            if (document[name] is JsonValue value && value.TryGetValue<long>(out var seconds))
            {
                var when = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253_402_300_799));
                if (name == "exp" || when > time.GetUtcNow())
                {
                    limit = limit is { } l && l < when ? l : when;
                }
            }
        }

        return limit;
    }
}
