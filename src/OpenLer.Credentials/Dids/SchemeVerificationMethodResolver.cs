using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Dids;

/// <summary>
/// Routes a verification method URL by scheme: DID URLs to a DID resolver, https URLs (issuer profiles, key documents)
/// to an <see cref="HttpsVerificationMethodResolver"/>. Anything else is refused.
/// </summary>
public sealed class SchemeVerificationMethodResolver(IVerificationMethodResolver dids, IVerificationMethodResolver? https) : IVerificationMethodResolver
{
    /// <summary>did:key and did:jwk, and https methods through <paramref name="fetcher"/> (did:web through it too).</summary>
    public static SchemeVerificationMethodResolver Create(IHttpsFetcher fetcher)
    {
        var didResolver = new DidResolver(new DidWebResolver(fetcher));
        return new SchemeVerificationMethodResolver(new DidVerificationMethodResolver(didResolver), new HttpsVerificationMethodResolver(fetcher));
    }

    public ValueTask<Outcome<ResolvedVerificationMethod>> ResolveAsync(string verificationMethodUrl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(verificationMethodUrl);
        if (verificationMethodUrl.StartsWith("did:", StringComparison.Ordinal))
        {
            return dids.ResolveAsync(verificationMethodUrl, cancellationToken);
        }

        if (https is not null && verificationMethodUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return https.ResolveAsync(verificationMethodUrl, cancellationToken);
        }

        return ValueTask.FromResult<Outcome<ResolvedVerificationMethod>>(Outcome.Error(ErrorCodes.InvalidVerificationMethodUrl,
            "The verification method is neither a DID URL nor an https URL."));
    }
}
