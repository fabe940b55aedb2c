using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Dids;
using OpenLer.Credentials.SdJwt;
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
public sealed class DeploymentVerifier(AppDbContext db, StatusListPublisher lists, TokenStatusLists tokens, IOptions<DeploymentOptions> options, TimeProvider time, VerificationBudget budget)
{
    private CredentialVerifier? _verifier;

    /// <summary>
    /// Verifies with one verifier per request (this service is scoped), so the credentials of one shared page check each
    /// status list once; a new request sees a revocation at once.
    /// </summary>
    public Task<VerificationResult> VerifyAsync(string input, CancellationToken cancellationToken = default) =>
        (_verifier ??= Create(null)).VerifyAsync(input, cancellationToken);

    /// <summary>
    /// Verifies a presentation whose key binding must match <paramref name="keyBinding"/> (RFC 9901 §7.3): the nonce and
    /// audience a share link gave the holder's wallet, so a Key Binding JWT made for one link fails on any other.
    /// </summary>
    public Task<VerificationResult> VerifyAsync(string input, KeyBindingRequirement keyBinding, CancellationToken cancellationToken = default) =>
        Create(keyBinding).VerifyAsync(input, cancellationToken);

    /// <summary>
    /// The deployment's credential verifier itself, for presentations (VC-API DID authentication, OpenID4VP): the same trust
    /// list, did:web documents and status lists.
    /// </summary>
    public CredentialVerifier Verifier => _verifier ??= Create(null);

    /// <summary>The same checks without requiring a trusted issuer (trust is still reported): for machine clients that ask about any issuer.</summary>
    public CredentialVerifier WithoutRequiredTrust() => new(Verifier.Options with { RequireTrustedIssuer = false });

    private CredentialVerifier Create(KeyBindingRequirement? keyBinding)
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
            // W3C Bitstring Status List for credentialStatus, IETF Token Status List for an SD-JWT VC's status claim.
            StatusChecker = new CombinedStatusChecker(new LocalStatusListFetcher(lists, tokens, options.Value), listVerification),
            TrustList = new DeploymentTrustList(db, options.Value),
            RequireTrustedIssuer = true,
            KeyBinding = keyBinding,
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
    private sealed class LocalStatusListFetcher(StatusListPublisher lists, TokenStatusLists tokens, DeploymentOptions options) : IStatusListFetcher
    {
        public async ValueTask<Outcome<string>> FetchAsync(string url, CancellationToken cancellationToken = default)
        {
            var address = StatusListAddress.Parse(options, url);
            var published = address switch
            {
                null => null,
                { Purpose: StatusListAddress.TokenPurpose } => await tokens.GetAsync(address.Slug, address.Number, cancellationToken),
                _ => await lists.GetAsync(address.Slug, address.Purpose, address.Number, cancellationToken),
            };
            if (published is not null)
            {
                return published;
            }

            return Outcome.Error(ErrorCodes.StatusRetrieval,
                "The status list is not published by this deployment, and this server does not fetch lists from the network.");
        }
    }
}
