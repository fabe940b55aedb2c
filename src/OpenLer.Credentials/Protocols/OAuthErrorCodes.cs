namespace OpenLer.Credentials.Protocols;

/// <summary>
/// The error codes the protocols name, used as <see cref="Common.CredentialError.Code"/> of the outcomes this folder returns so
/// that the server can answer with them unchanged: RFC 6749 §5.2 (token endpoint), RFC 6750 §3.1 (protected resources),
/// OpenID4VCI 1.0 §8.3.1.2 (credential endpoint; draft 13 §7.3.1.2 for the legacy codes) and OpenID4VP 1.0 §8.5.
/// </summary>
public static class OAuthErrorCodes
{
    // RFC 6749 §5.2
    public const string InvalidRequest = "invalid_request";
    public const string InvalidClient = "invalid_client";
    public const string InvalidGrant = "invalid_grant";
    public const string UnauthorizedClient = "unauthorized_client";
    public const string UnsupportedGrantType = "unsupported_grant_type";
    public const string InvalidScope = "invalid_scope";
    public const string AccessDenied = "access_denied";

    // RFC 6750 §3.1
    public const string InvalidToken = "invalid_token";

    // OpenID4VCI 1.0 §8.3.1.2
    public const string InvalidCredentialRequest = "invalid_credential_request";
    public const string UnknownCredentialConfiguration = "unknown_credential_configuration";
    public const string UnknownCredentialIdentifier = "unknown_credential_identifier";
    public const string InvalidProof = "invalid_proof";
    public const string InvalidNonce = "invalid_nonce";
    public const string InvalidEncryptionParameters = "invalid_encryption_parameters";
    public const string CredentialRequestDenied = "credential_request_denied";

    // OpenID4VCI draft 13 §7.3.1.2 (legacy requests with "format")
    public const string UnsupportedCredentialType = "unsupported_credential_type";
    public const string UnsupportedCredentialFormat = "unsupported_credential_format";

    // OpenID4VP 1.0 §8.5
    public const string VpFormatsNotSupported = "vp_formats_not_supported";
    public const string InvalidRequestUriMethod = "invalid_request_uri_method";
    public const string InvalidTransactionData = "invalid_transaction_data";
}
