using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Dids;

/// <summary>Resolves a DID (not a DID URL) to its document. Failures are values with a stable code.</summary>
public interface IDidResolver
{
    ValueTask<Outcome<DidDocument>> ResolveAsync(string did, CancellationToken cancellationToken = default);
}
