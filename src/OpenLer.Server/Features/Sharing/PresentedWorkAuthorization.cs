using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Verification;
using OpenLer.Server.Features.Wallet;

namespace OpenLer.Server.Features.Sharing;

/// <summary>
/// A share's work-authorization item as its reader sees it: the presentation made for that link, verified now with the
/// link's key-binding nonce and audience (RFC 9901 §7.3: signature, key binding, Token Status List, expiry, trusted
/// issuer), and the claims it discloses. <see cref="Claims"/> and <see cref="View"/> are what the holder chose to disclose;
/// read them only when <see cref="VerificationResult.Verified"/> says so.
/// </summary>
public sealed record PresentedWorkAuthorization(VerificationResult Result, JsonObject? Claims, CredentialView? View)
{
    /// <summary>The disclosed authorized_to_work answer of a presentation that verifies; null when not disclosed or not verified.</summary>
    public bool? AuthorizedToWork =>
        Result.Verified && Claims?["authorized_to_work"] is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? value.GetValueKind() == JsonValueKind.True
            : null;

    /// <summary>The disclosed valid_until date of a presentation that verifies; null when not disclosed or not verified.</summary>
    public DateOnly? ValidUntil =>
        Result.Verified && Claims?["valid_until"] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length >= 10
            && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    public override string ToString() => "PresentedWorkAuthorization { protected }";
}
