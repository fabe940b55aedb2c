using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Protocols;

namespace OpenLer.Server.Features.Wallets;

/// <summary>
/// A protocol answer: HTTP status, JSON body and, for a refused Bearer token, the <c>WWW-Authenticate</c> challenge
/// (RFC 6750 §3). Every answer is sent with <c>Cache-Control: no-store</c> (RFC 6749 §5.1, OpenID4VCI 1.0 §7.2).
/// </summary>
public sealed record ProtocolResult(int Status, JsonObject Body, string? WwwAuthenticate = null)
{
    public static ProtocolResult Ok(JsonObject body) => new(StatusCodes.Status200OK, body);

    /// <summary>An OAuth-style error (400), its code the one the specification names.</summary>
    public static ProtocolResult Error(CredentialError error, JsonObject? extra = null) =>
        new(StatusCodes.Status400BadRequest, OAuthErrorResponse.ToJson(error, extra));

    /// <summary>RFC 6750 §3.1 <c>invalid_token</c> (401) with its challenge.</summary>
    public static ProtocolResult InvalidToken(string message) =>
        new(StatusCodes.Status401Unauthorized, OAuthErrorResponse.ToJson(new CredentialError(OAuthErrorCodes.InvalidToken, message)),
            "Bearer error=\"invalid_token\"");

    public IResult ToResult(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        if (WwwAuthenticate is not null)
        {
            context.Response.Headers.WWWAuthenticate = WwwAuthenticate;
        }

        return Results.Content(Body.ToJsonString(), "application/json", System.Text.Encoding.UTF8, Status);
    }
}
