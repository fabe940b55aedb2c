using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.JsonLd;

/// <summary>
/// Fetches a context the loader does not know. Only used when <see cref="ContextLoaderOptions.AllowRemoteContexts"/> is
/// true; the implementation (in the host, not this library) owns SSRF protection, timeouts and size limits.
/// Remote contexts cannot be pinned to a hash: prefer adding contexts as <see cref="KnownContext"/>s.
/// </summary>
public interface IRemoteContextFetcher
{
    Outcome<byte[]> Fetch(Uri url);
}
