using System.Security.Cryptography;
using System.Text;
using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Protocols.Oid4Vci;

/// <summary>
/// A token request of the pre-authorized code flow (OpenID4VCI 1.0 §6.1, RFC 6749 §4.1.3 / §5.2), parsed from the form and
/// then checked against the grant the server stored. Errors carry the codes §6.3 assigns: <c>unsupported_grant_type</c>,
/// <c>invalid_request</c> (missing code; tx_code missing or unexpected), <c>invalid_grant</c> (unknown, used or expired
/// code; wrong tx_code). Counting wrong tx_code attempts is the server's job.
/// </summary>
public sealed record TokenRequest(string PreAuthorizedCode, string? TxCode, string? ClientId)
{
    /// <summary>Longer codes are refused before any lookup.</summary>
    public const int MaxCodeLength = 512;

    /// <summary>Redacted: logging a request never leaks the code or the transaction code.</summary>
    public override string ToString() => $"token request (pre-authorized code{(TxCode is null ? "" : ", tx_code")})";

    public static Outcome<TokenRequest> Parse(FormParameters form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var grantType = form["grant_type"];
        if (grantType is null)
        {
            return Outcome.Error(OAuthErrorCodes.InvalidRequest, "grant_type is missing.");
        }

        if (grantType != CredentialOffer.PreAuthorizedCodeGrantType)
        {
            return Outcome.Error(OAuthErrorCodes.UnsupportedGrantType, "Only the pre-authorized_code grant is supported.");
        }

        var code = form["pre-authorized_code"];
        if (string.IsNullOrEmpty(code))
        {
            return Outcome.Error(OAuthErrorCodes.InvalidRequest, "pre-authorized_code is missing.");
        }

        if (code.Length > MaxCodeLength)
        {
            return Outcome.Error(OAuthErrorCodes.InvalidGrant, "The pre-authorized code is not valid.");
        }

        var txCode = form["tx_code"];
        if (txCode is { Length: > 64 })
        {
            return Outcome.Error(OAuthErrorCodes.InvalidGrant, "The transaction code is not valid.");
        }

        return new TokenRequest(code, txCode, form["client_id"]);
    }

    /// <summary>
    /// Checks the request against the stored grant (null when the code is unknown). On success the server marks the grant used
    /// and issues the access token; on <c>invalid_grant</c> for a wrong tx_code it counts the attempt.
    /// </summary>
    public Outcome<PreAuthorizedGrant> Validate(PreAuthorizedGrant? grant, DateTimeOffset now)
    {
        if (grant is null || grant.Used)
        {
            return Outcome.Error(OAuthErrorCodes.InvalidGrant, "The pre-authorized code is unknown or was already used.");
        }

        if (now >= grant.ExpiresAt)
        {
            return Outcome.Error(OAuthErrorCodes.InvalidGrant, "The pre-authorized code has expired.");
        }

        if (grant.ExpectedTxCode is null)
        {
            return TxCode is null
                ? grant
                : Outcome.Error(OAuthErrorCodes.InvalidRequest, "This offer does not use a transaction code, but one was sent.");
        }

        if (TxCode is null)
        {
            return Outcome.Error(OAuthErrorCodes.InvalidRequest, "This offer requires a transaction code (tx_code).");
        }

        return FixedTimeEquals(TxCode, grant.ExpectedTxCode)
            ? grant
            : Outcome.Error(OAuthErrorCodes.InvalidGrant, "The transaction code is wrong.");
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));
}
