using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Dids;

/// <summary>
/// The one door to the network for documents the verifier needs (did:web documents, status lists): an HTTPS GET with a
/// size cap and a time limit. Implementations must not follow redirects and must refuse non-public addresses unless
/// configured (see <see cref="SafeHttpsFetcher"/>). Tests inject a fake.
/// </summary>
public interface IHttpsFetcher
{
    Task<Outcome<byte[]>> GetAsync(Uri url, int maxBytes, TimeSpan timeout, CancellationToken cancellationToken = default);
}
