using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Dids;

/// <summary>
/// An <see cref="IHttpsFetcher"/> that answers from documents the operator supplied (URL → bytes), and otherwise asks
/// <c>fallback</c> or, without one, refuses: the verifier's default, so nothing reaches the network unless configured.
/// Tests and the CLI (<c>--url URL=FILE</c>) use it to serve issuer profiles, key documents and status lists offline.
/// </summary>
public sealed class MappedHttpsFetcher : IHttpsFetcher
{
    private readonly Dictionary<string, byte[]> _documents;
    private readonly IHttpsFetcher? _fallback;

    public MappedHttpsFetcher(IReadOnlyDictionary<string, byte[]> documents, IHttpsFetcher? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        _documents = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (url, bytes) in documents)
        {
            _documents[Key(url)] = bytes;
        }

        _fallback = fallback;
    }

    /// <summary>A fetcher that refuses every URL: no network.</summary>
    public static MappedHttpsFetcher Offline { get; } = new(new Dictionary<string, byte[]>());

    public Task<Outcome<byte[]>> GetAsync(Uri url, int maxBytes, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Scheme != Uri.UriSchemeHttps)
        {
            return Task.FromResult<Outcome<byte[]>>(Outcome.Error(ErrorCodes.RemoteDocumentFetch, "Only https URLs are fetched."));
        }

        if (_documents.TryGetValue(Key(url.AbsoluteUri), out var bytes))
        {
            return Task.FromResult<Outcome<byte[]>>(bytes.Length > maxBytes
                ? Outcome.Error(ErrorCodes.DocumentTooLarge, $"The document at {url.AbsoluteUri} is larger than {maxBytes} bytes.")
                : bytes);
        }

        return _fallback?.GetAsync(url, maxBytes, timeout, cancellationToken)
            ?? Task.FromResult<Outcome<byte[]>>(Outcome.Error(ErrorCodes.RemoteDocumentFetch,
                $"{url.AbsoluteUri} is not available offline and network access is off."));
    }

    /// <summary>URLs are compared without their fragment (a fragment is never sent to a server).</summary>
    private static string Key(string url)
    {
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        var withoutFragment = hash < 0 ? url : url[..hash];
        return Uri.TryCreate(withoutFragment, UriKind.Absolute, out var uri) ? uri.AbsoluteUri : withoutFragment;
    }
}
