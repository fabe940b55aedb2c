using Microsoft.EntityFrameworkCore;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Verification;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Verify;

/// <summary>
/// Issuers this deployment recognizes: the configured list, and its own organizations, found by one targeted query (a
/// did:web names the organization's slug; a did:key names the public key of one of its keys, retired keys included so
/// their credentials stay genuine) rather than by loading every organization. Practice organizations are never on it.
/// </summary>
internal sealed class DeploymentTrustList(AppDbContext db, DeploymentOptions options) : IIssuerTrustList
{
    private const string DidKeyPrefix = "did:key:";

    public async ValueTask<CheckResult> CheckAsync(string issuerId, CancellationToken cancellationToken = default)
    {
        if (options.TrustedIssuers.Contains(issuerId, StringComparer.Ordinal))
        {
            return CheckResult.Pass(CheckNames.IssuerTrust, "The issuer is on this deployment's trust list.");
        }

        var query = Candidates(issuerId);
        var candidates = query is null ? [] : await query.ToListAsync(cancellationToken);
        foreach (var candidate in candidates)
        {
            // The exact identity rule of OrganizationKeys decides; the query only narrows the rows read.
            if (OrganizationKeys.Identity(candidate.Org, candidate.Key, options).Did == issuerId)
            {
                return CheckResult.Pass(CheckNames.IssuerTrust, $"Issued by {candidate.Org.Name}, an organization of this deployment.");
            }
        }

        return CheckResult.Fail(CheckNames.IssuerTrust, ErrorCodes.UntrustedIssuer, "The issuer is not on this deployment's trust list.");
    }

    private IQueryable<Candidate>? Candidates(string issuerId)
    {
        var keys = db.Set<OrganizationKey>().AsNoTracking();
        if (issuerId.StartsWith(DidKeyPrefix, StringComparison.Ordinal) && string.IsNullOrWhiteSpace(options.PublicHost))
        {
            // did:key:{multibase} of an Ed25519 Multikey is its publicKeyMultibase (did:key §3.1.1).
            var multibase = issuerId[DidKeyPrefix.Length..];
            keys = keys.Where(k => k.PublicKeyMultibase == multibase);
        }
        else if (OrganizationAddresses.SlugOfDidWeb(options, issuerId) is { } slug)
        {
            keys = keys.Where(k => db.Organizations.Any(o => o.Id == k.OrganizationId && o.Slug == slug));
        }
        else
        {
            return null;
        }

        // A practice organization (staff training, Organization.PracticeOf) is never a trusted issuer.
        return keys.Join(db.Organizations.AsNoTracking().Where(o => o.PracticeOf == null), k => k.OrganizationId, o => o.Id, (k, o) => new Candidate { Org = o, Key = k });
    }

    private sealed class Candidate
    {
        public required Organization Org { get; init; }

        public required OrganizationKey Key { get; init; }
    }
}
