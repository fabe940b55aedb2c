using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Verification;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Verify;

/// <summary>
/// Checks a credential's status (W3C Bitstring Status List credentialStatus, IETF Token Status List status claim) with the
/// checker kept for the list's organization at its current stamp: the stamp is read first, so a list verified before a
/// revocation is never used after it.
/// </summary>
internal sealed class StampedStatusChecker(AppDbContext db, DeploymentDocuments documents, DeploymentOptions options) : ICredentialStatusChecker
{
    public async ValueTask<CheckResult> CheckAsync(JsonObject credential, string format, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var slug = Urls(credential).Select(u => StatusListAddress.Parse(options, u)?.Slug).FirstOrDefault(s => s is not null);
        long? stamp = slug is null ? null
            : await db.Organizations.AsNoTracking().Where(o => o.Slug == slug).Select(o => (long?)o.Stamp).FirstOrDefaultAsync(cancellationToken);
        return await documents.StatusChecker(slug, stamp).CheckAsync(credential, format, cancellationToken);
    }

    private static IEnumerable<string> Urls(JsonObject credential)
    {
        var entries = credential["credentialStatus"] switch
        {
            JsonObject one => [one],
            JsonArray many => many.OfType<JsonObject>(),
            _ => [],
        };
        foreach (var entry in entries)
        {
            if (CredentialFields.Text(entry, "statusListCredential") is { } url)
            {
                yield return url;
            }
        }

        // draft-ietf-oauth-status-list §6.1: status.status_list.uri.
        if ((credential["status"] as JsonObject)?["status_list"] is JsonObject list && list["uri"] is JsonValue uri && uri.TryGetValue<string>(out var token))
        {
            yield return token;
        }
    }
}
