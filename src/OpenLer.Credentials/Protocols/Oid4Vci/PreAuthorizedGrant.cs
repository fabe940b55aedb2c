namespace OpenLer.Credentials.Protocols.Oid4Vci;

/// <summary>
/// What the server stored when it made an offer (OpenID4VCI 1.0 §3.5, §13.6): the pre-authorized code's expiry, whether it
/// was already exchanged, and the transaction code it expects (null when none was required). Looked up by the code the wallet
/// sends; the library never stores it.
/// </summary>
public sealed record PreAuthorizedGrant
{
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>True once the code was exchanged for an access token (single use, §4.1.1), or the offer was cancelled.</summary>
    public bool Used { get; init; }

    /// <summary>The transaction code sent on the second channel; null when the offer did not require one.</summary>
    public string? ExpectedTxCode { get; init; }

    public required IReadOnlyList<string> CredentialConfigurationIds { get; init; }

    /// <summary>Redacted: logging a grant never leaks its transaction code.</summary>
    public override string ToString() => $"pre-authorized grant for {string.Join(",", CredentialConfigurationIds)} until {ExpiresAt:O}{(Used ? " (used)" : "")}";
}
