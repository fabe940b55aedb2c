using System.Collections.Concurrent;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Status;

namespace OpenLer.Credentials.Tests.Support;

/// <summary>An <see cref="IStatusListFetcher"/> serving documents from memory and counting fetches.</summary>
public sealed class MemoryStatusListFetcher : IStatusListFetcher
{
    private int _fetches;

    public ConcurrentDictionary<string, string> Documents { get; } = new();

    public int Fetches => _fetches;

    public ValueTask<Outcome<string>> FetchAsync(string url, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _fetches);
        return ValueTask.FromResult(Documents.TryGetValue(url, out var text)
            ? Outcome<string>.Ok(text)
            : Outcome<string>.Fail(ErrorCodes.RemoteDocumentFetch, "404 Not Found"));
    }
}
