using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Status;

/// <summary>
/// Retrieves a status list credential (a JSON-LD BitstringStatusListCredential, a VC-JWT, or a Token Status List JWT)
/// by its URL. The server answers its own URLs from its database; the CLI reads local files; a networked verifier uses
/// an SSRF-safe HTTPS fetcher. A list that cannot be retrieved is an error with <c>STATUS_RETRIEVAL_ERROR</c>.
/// </summary>
public interface IStatusListFetcher
{
    /// <summary>Returns the document's text, or an error (never throws for a missing or unreachable list).</summary>
    ValueTask<Outcome<string>> FetchAsync(string url, CancellationToken cancellationToken = default);
}
