using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Protocols.Oid4Vp;

/// <summary>
/// An authorization request link as the wallet receives it (<c>openid4vp://?…</c>, or an https link to the wallet): either
/// by reference (<c>client_id</c> + <c>request_uri</c>, RFC 9101 §5.2) — the server then fetches the request object and
/// passes it to <see cref="WalletRequestVerifier"/> — or by value (every parameter in the query).
/// </summary>
public sealed record AuthorizationRequestUri(string ClientId, string? RequestUri, string? RequestUriMethod, JsonObject? Parameters)
{
    public const int MaxLength = 16 * 1024;

    public bool IsByReference => RequestUri is not null;

    public static Outcome<AuthorizationRequestUri> Parse(string link)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (link.Length > MaxLength)
        {
            return Invalid("The request link is too long.");
        }

        var question = link.IndexOf('?', StringComparison.Ordinal);
        if (question < 0)
        {
            return Invalid("The request link has no parameters.");
        }

        var form = FormParameters.Parse(link[(question + 1)..].Split('#')[0], MaxLength);
        if (!form.IsSuccess)
        {
            return form.Error;
        }

        var values = form.Value;
        if (values["client_id"] is not { Length: > 0 } clientId)
        {
            return Invalid("client_id is missing.");
        }

        if (values["request_uri"] is { } requestUri)
        {
            if (!Uri.TryCreate(requestUri, UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttps || uri.IsLoopback && uri.Scheme == Uri.UriSchemeHttp))
            {
                return Invalid("request_uri must be an https URL.");
            }

            var method = values["request_uri_method"];
            if (method is not (null or "get" or "post"))
            {
                return Outcome.Error(OAuthErrorCodes.InvalidRequestUriMethod, "request_uri_method must be get or post.");
            }

            return new AuthorizationRequestUri(clientId, requestUri, method, null);
        }

        if (values["request"] is not null)
        {
            return Invalid("Request objects by value (request) are not supported; use request_uri.");
        }

        var parameters = new JsonObject();
        foreach (var (name, value) in values.Values)
        {
            parameters[name] = value;
        }

        return new AuthorizationRequestUri(clientId, null, null, parameters);
    }

    private static CredentialError Invalid(string message) => new(OAuthErrorCodes.InvalidRequest, message);
}
