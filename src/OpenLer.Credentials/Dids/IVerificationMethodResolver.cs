using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Dids;

/// <summary>Dereferences a verification method URL (a DID URL, or another form a deployment supports) to its key.</summary>
public interface IVerificationMethodResolver
{
    ValueTask<Outcome<ResolvedVerificationMethod>> ResolveAsync(string verificationMethodUrl, CancellationToken cancellationToken = default);
}
