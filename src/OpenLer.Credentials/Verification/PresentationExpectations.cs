namespace OpenLer.Credentials.Verification;

/// <summary>
/// What a verifier requires of a Verifiable Presentation, fixed before reading it: the challenge it issued (OpenID4VP nonce,
/// VC-API challenge) and its own domain (OpenID4VP client identifier, VC-API domain), both required in the presentation's
/// <c>authentication</c> proof (VC Data Integrity §4.3 steps 5–6).
/// </summary>
public sealed record PresentationExpectations
{
    /// <summary>Null only where the protocol has no challenge (VC-API /presentations/verify without one).</summary>
    public required string? Challenge { get; init; }

    public required string? Domain { get; init; }

    /// <summary>Every credential's <c>credentialSubject.id</c> must be the holder who signed the presentation.</summary>
    public bool RequireHolderBinding { get; init; } = true;

    /// <summary>A DID-authentication presentation carries no credentials; other presentations at least one.</summary>
    public bool AllowEmpty { get; init; }

    /// <summary>Presentations with more credentials than this are refused.</summary>
    public int MaxCredentials { get; init; } = 16;
}
