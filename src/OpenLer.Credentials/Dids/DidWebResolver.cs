using OpenLer.Credentials.Common;
using OpenLer.Credentials.Json;

namespace OpenLer.Credentials.Dids;

/// <summary>
/// Resolves did:web through an injected <see cref="IHttpsFetcher"/>: https only, no redirects, size and time limits,
/// no loopback/private/link-local targets unless <see cref="DidWebOptions.AllowPrivateNetworks"/>.
/// </summary>
public sealed class DidWebResolver(IHttpsFetcher fetcher, DidWebOptions? options = null) : IDidResolver
{
    private readonly DidWebOptions _options = options ?? new DidWebOptions();

    public async ValueTask<Outcome<DidDocument>> ResolveAsync(string did, CancellationToken cancellationToken = default)
    {
        var url = DidWeb.DocumentUrl(did, _options.AllowPrivateNetworks);
        if (!url.IsSuccess)
        {
            return url.Error;
        }

        var body = await fetcher.GetAsync(url.Value, _options.MaxDocumentBytes, _options.Timeout, cancellationToken).ConfigureAwait(false);
        if (!body.IsSuccess)
        {
            return body.Error;
        }

        var json = StrictJson.ParseObject(body.Value, new JsonLimits { MaxBytes = _options.MaxDocumentBytes, MaxDepth = 16 });
        if (!json.IsSuccess)
        {
            return Outcome.Error(ErrorCodes.InvalidControlledIdentifierDocument, $"The did:web document is not valid JSON: {json.Error.Message}");
        }

        return DidDocumentReader.Read(json.Value, did);
    }
}
