using Microsoft.Extensions.Options;
using OpenLer.Credentials.Protocols.VcApi;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Presentations;

/// <summary>
/// The addresses of a presentation request, built and read back in one place: its interaction URL (<c>{base}/p/{token}</c>),
/// its request object (<c>request_uri</c>) and its response URI (<c>direct_post</c> target).
/// </summary>
public sealed class PresentationAddresses(IOptions<DeploymentOptions> options)
{
    public const string Prefix = "/p/";

    public string BaseUrl => options.Value.BaseUrl;

    public string InteractionUrl(string token) => InteractionProtocols.InteractionUrl(BaseUrl + Prefix + token);

    public string RequestUri(string token) => BaseUrl + Prefix + token + "/request";

    public string ResponseUri(string token) => BaseUrl + Prefix + token + "/response";

    /// <summary>The token of one of this deployment's request URLs (interaction, request_uri, response_uri), or null.</summary>
    public string? TokenOf(string? url)
    {
        if (url is null || !url.StartsWith(BaseUrl + Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = url[(BaseUrl.Length + Prefix.Length)..].Split('?', '#')[0];
        var token = rest.Split('/')[0];
        return token.Length is > 0 and <= 128 && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? token : null;
    }
}
