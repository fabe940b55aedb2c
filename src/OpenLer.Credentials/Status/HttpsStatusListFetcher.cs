using System.Text;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Dids;

namespace OpenLer.Credentials.Status;

/// <summary>
/// Retrieves status list credentials through an <see cref="IHttpsFetcher"/> (the verifier's one door to the network, or
/// a <see cref="MappedHttpsFetcher"/> serving local copies). Any failure is <c>STATUS_RETRIEVAL_ERROR</c>.
/// </summary>
public sealed class HttpsStatusListFetcher(IHttpsFetcher fetcher) : IStatusListFetcher
{
    /// <summary>A status list credential larger than this is refused (a 131,072-entry list is about 20 KB compressed).</summary>
    public const int MaxBytes = 1024 * 1024;

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async ValueTask<Outcome<string>> FetchAsync(string url, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            return Outcome.Error(ErrorCodes.StatusRetrieval, "The status list URL is not an https URL.");
        }

        var bytes = await fetcher.GetAsync(uri, MaxBytes, Timeout, cancellationToken).ConfigureAwait(false);
        if (!bytes.IsSuccess)
        {
            return Outcome.Error(ErrorCodes.StatusRetrieval, $"The status list could not be retrieved: {bytes.Error.Message}");
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes.Value);
        }
        catch (DecoderFallbackException)
        {
            return Outcome.Error(ErrorCodes.StatusRetrieval, "The status list is not valid UTF-8.");
        }
    }
}
