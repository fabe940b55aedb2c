using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Dids;
using OpenLer.Credentials.Status;
using OpenLer.Credentials.Verification;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Verify;

/// <summary>
/// The deployment's verifier: the library's <see cref="CredentialVerifier"/> (fail closed) with this deployment's trust
/// list, did:web documents and status lists answered from its own database. It never touches the network: a did:web or
/// status list of another deployment "could not be checked", which is never "genuine". Documents are held to the
/// verification budget's JSON limits; user-supplied credentials are verified through <see cref="VerificationBudget"/>.
/// </summary>
public sealed class DeploymentVerifier(AppDbContext db, StatusListPublisher lists, IOptions<DeploymentOptions> options, TimeProvider time, VerificationBudget budget)
{
    private CredentialVerifier? _verifier;

    /// <summary>
    /// Verifies with one verifier per request (this service is scoped), so the credentials of one shared page check each
    /// status list once; a new request sees a revocation at once.
    /// </summary>
    public Task<VerificationResult> VerifyAsync(string input, CancellationToken cancellationToken = default) =>
        (_verifier ??= Create()).VerifyAsync(input, cancellationToken);

    private CredentialVerifier Create()
    {
        var resolver = new DidResolver(new LocalDidWebResolver(db, options.Value));
        var listVerification = new CredentialVerifierOptions
        {
            DidResolver = resolver,
            VerificationMethods = new DidVerificationMethodResolver(resolver),
            TimeProvider = time,
            Limits = budget.Limits,
        };
        return new CredentialVerifier(listVerification with
        {
            StatusChecker = new BitstringStatusChecker(new LocalStatusListFetcher(lists, options.Value), listVerification),
            TrustList = new DeploymentTrustList(db, options.Value),
            RequireTrustedIssuer = true,
        });
    }

    /// <summary>Answers did:web identifiers of this deployment's organizations from the database.</summary>
    private sealed class LocalDidWebResolver(AppDbContext db, DeploymentOptions options) : IDidResolver
    {
        public async ValueTask<Outcome<DidDocument>> ResolveAsync(string did, CancellationToken cancellationToken = default)
        {
            if (!string.IsNullOrWhiteSpace(options.PublicHost))
            {
                var prefix = DidWeb.For(options.PublicHost.Trim(), "/orgs") + ":";
                if (did.StartsWith(prefix, StringComparison.Ordinal))
                {
                    var slug = did[prefix.Length..];
                    var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == slug, cancellationToken);
                    if (org is not null)
                    {
                        var keys = await db.Set<OrganizationKey>().AsNoTracking().Where(k => k.OrganizationId == org.Id).ToListAsync(cancellationToken);
                        return DidDocumentReader.Read(OrganizationKeys.DidDocument(org, keys, options), did);
                    }
                }
            }

            return Outcome.Error(ErrorCodes.DidResolution,
                "This did:web is not an organization of this deployment, and this server does not fetch documents from the network.");
        }
    }

    /// <summary>Issuers this deployment recognizes: its own organizations and the configured list.</summary>
    private sealed class DeploymentTrustList(AppDbContext db, DeploymentOptions options) : IIssuerTrustList
    {
        public async ValueTask<CheckResult> CheckAsync(string issuerId, CancellationToken cancellationToken = default)
        {
            if (options.TrustedIssuers.Contains(issuerId, StringComparer.Ordinal))
            {
                return CheckResult.Pass(CheckNames.IssuerTrust, "The issuer is on this deployment's trust list.");
            }

            var organizations = await db.Organizations.AsNoTracking().ToListAsync(cancellationToken);
            var keys = await db.Set<OrganizationKey>().AsNoTracking().ToListAsync(cancellationToken);
            foreach (var org in organizations)
            {
                // did:web: the organization's DID; did:key: any key it ever signed with (retired keys' credentials stay genuine).
                if (keys.Where(k => k.OrganizationId == org.Id).Any(k => OrganizationKeys.Identity(org, k, options).Did == issuerId))
                {
                    return CheckResult.Pass(CheckNames.IssuerTrust, $"Issued by {org.Name}, an organization of this deployment.");
                }
            }

            return CheckResult.Fail(CheckNames.IssuerTrust, ErrorCodes.UntrustedIssuer, "The issuer is not on this deployment's trust list.");
        }
    }

    /// <summary>
    /// Status list credentials of this deployment, answered from the database (the signed lists it publishes); lists of
    /// other deployments cannot be retrieved (no network), so their status "could not be checked".
    /// </summary>
    private sealed class LocalStatusListFetcher(StatusListPublisher lists, DeploymentOptions options) : IStatusListFetcher
    {
        public async ValueTask<Outcome<string>> FetchAsync(string url, CancellationToken cancellationToken = default)
        {
            var prefix = options.BaseUrl + "/orgs/";
            var parts = url.StartsWith(prefix, StringComparison.Ordinal) ? url[prefix.Length..].Split('/') : [];
            if (parts.Length == 4 && parts[1] == "status"
                && int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                && await lists.GetAsync(parts[0], parts[2], number, cancellationToken) is { } json)
            {
                return json;
            }

            return Outcome.Error(ErrorCodes.StatusRetrieval,
                "The status list is not published by this deployment, and this server does not fetch lists from the network.");
        }
    }
}
