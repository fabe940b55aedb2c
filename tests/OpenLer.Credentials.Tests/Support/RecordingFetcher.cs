using OpenLer.Credentials.Common;
using OpenLer.Credentials.Dids;

namespace OpenLer.Credentials.Tests.Support;

/// <summary>An <see cref="IHttpsFetcher"/> that serves fixed documents and records every request.</summary>
public sealed class RecordingFetcher(IReadOnlyDictionary<string, byte[]>? documents = null) : IHttpsFetcher
{
    public List<Uri> Requests { get; } = [];

    public Task<Outcome<byte[]>> GetAsync(Uri url, int maxBytes, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        Requests.Add(url);
        if (documents is not null && documents.TryGetValue(url.ToString(), out var body))
        {
            return Task.FromResult(body.Length > maxBytes
                ? Outcome<byte[]>.Fail(ErrorCodes.DocumentTooLarge, "too large")
                : Outcome<byte[]>.Ok(body));
        }

        return Task.FromResult(Outcome<byte[]>.Fail(ErrorCodes.RemoteDocumentFetch, "404"));
    }
}
