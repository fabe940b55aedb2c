using System.Text.Json.Nodes;

namespace OpenLer.Credentials.Protocols.Oid4Vci;

/// <summary>
/// OAuth 2.0 Authorization Server Metadata (RFC 8414 §2) for an issuer that is its own authorization server and offers only
/// the pre-authorized code grant: <c>response_types_supported</c> is omitted (OpenID4VCI 1.0 §12.2.4 allows it), public
/// clients without authentication, and anonymous token requests (§12.3 <c>pre-authorized_grant_anonymous_access_supported</c>).
/// </summary>
public static class AuthorizationServerMetadata
{
    public static JsonObject Build(string issuer, string tokenEndpoint)
    {
        ArgumentException.ThrowIfNullOrEmpty(issuer);
        ArgumentException.ThrowIfNullOrEmpty(tokenEndpoint);
        return new JsonObject
        {
            ["issuer"] = issuer,
            ["token_endpoint"] = tokenEndpoint,
            ["grant_types_supported"] = new JsonArray(CredentialOffer.PreAuthorizedCodeGrantType),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("none"),
            ["pre-authorized_grant_anonymous_access_supported"] = true,
        };
    }
}
