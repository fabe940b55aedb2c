using System.Text.Json.Nodes;

namespace OpenLer.Credentials.Protocols.Oid4Vci;

/// <summary>
/// The successful token response (RFC 6749 §5.1, OpenID4VCI 1.0 §6.2): a Bearer access token and its lifetime. For draft 13
/// wallets it also carries <c>c_nonce</c> and <c>c_nonce_expires_in</c> (draft 13 §6.2), which 1.0 moved to the nonce endpoint.
/// Sent with <c>Cache-Control: no-store</c>.
/// </summary>
public static class TokenResponse
{
    public static JsonObject Build(string accessToken, TimeSpan expiresIn, string? cNonce = null, TimeSpan? cNonceExpiresIn = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessToken);
        var json = new JsonObject
        {
            ["access_token"] = accessToken,
            ["token_type"] = "Bearer",
            ["expires_in"] = (long)expiresIn.TotalSeconds,
        };
        if (cNonce is not null)
        {
            json["c_nonce"] = cNonce;
            json["c_nonce_expires_in"] = (long)(cNonceExpiresIn ?? expiresIn).TotalSeconds;
        }

        return json;
    }

    /// <summary>The nonce endpoint's response (1.0 §7.2).</summary>
    public static JsonObject Nonce(string cNonce) => new() { ["c_nonce"] = cNonce ?? throw new ArgumentNullException(nameof(cNonce)) };
}
