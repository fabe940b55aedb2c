using Microsoft.Extensions.Options;
using OpenLer.Credentials.Dids;
using OpenLer.Credentials.Status;
using OpenLer.Credentials.Verification;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Verify;

/// <summary>
/// The parts of verification that outlive a request (a singleton): the local did:web resolver, the local status-list
/// fetcher, and status checkers kept per organization slug and stamp, each holding the lists it fetched and verified (so
/// a list is verified once per version, not once per view).
/// </summary>
public sealed class DeploymentDocuments
{
    private readonly VerificationCache _cache;
    private readonly CredentialVerifierOptions _listVerification;
    private readonly IStatusListFetcher _fetcher;

    public DeploymentDocuments(IServiceScopeFactory scopes, IOptions<DeploymentOptions> options, VerificationCache cache, VerificationBudget budget, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(budget);
        _cache = cache;
        Resolver = new DidResolver(new LocalDidWebResolver(scopes, options.Value, cache));
        _fetcher = new LocalStatusListFetcher(scopes, options.Value);
        _listVerification = new CredentialVerifierOptions
        {
            DidResolver = Resolver,
            VerificationMethods = new DidVerificationMethodResolver(Resolver),
            TimeProvider = time,
            Limits = budget.Limits,
        };
    }

    /// <summary>did:key, did:jwk and this deployment's did:web (cached per organization stamp).</summary>
    public IDidResolver Resolver { get; }

    /// <summary>How a credential is verified: resolvers, clock and JSON limits (status, trust and key binding added by the caller).</summary>
    public CredentialVerifierOptions Verification => _listVerification;

    /// <summary>
    /// The status checker for lists of the organization <paramref name="slug"/> at <paramref name="stamp"/>: kept while the
    /// stamp holds, so its verified lists are reused; a fresh one (nothing reused) when the stamp is unknown.
    /// </summary>
    public ICredentialStatusChecker StatusChecker(string? slug, long? stamp)
    {
        if (slug is null || stamp is null)
        {
            return new CombinedStatusChecker(_fetcher, _listVerification);
        }

        var key = (nameof(StatusChecker), slug, stamp.Value);
        if (!_cache.TryGet<ICredentialStatusChecker>(key, out var checker))
        {
            checker = new CombinedStatusChecker(_fetcher, _listVerification);
            _cache.Set(key, checker);
        }

        return checker;
    }
}
