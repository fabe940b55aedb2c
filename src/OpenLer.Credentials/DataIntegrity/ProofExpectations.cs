namespace OpenLer.Credentials.DataIntegrity;

/// <summary>What the verifier requires of a proof, decided before reading it (VC Data Integrity 1.0 §4.3 options).</summary>
public sealed record ProofExpectations
{
    /// <summary>The proofPurpose required; credentials use assertionMethod, presentations authentication.</summary>
    public string ProofPurpose { get; init; } = "assertionMethod";

    /// <summary>
    /// The identifier that must control the verification method: the credential's issuer (CP-09). Null skips the
    /// binding check (only for conformance vectors whose issuer is not a DID).
    /// </summary>
    public string? ExpectedController { get; init; }

    /// <summary>When set, the proof's challenge must equal it (INVALID_CHALLENGE_ERROR otherwise).</summary>
    public string? Challenge { get; init; }

    /// <summary>When set, the proof's domain must equal it (INVALID_DOMAIN_ERROR otherwise).</summary>
    public string? Domain { get; init; }

    /// <summary>Tolerance for a proof created slightly in the future by a clock ahead of ours.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(5);
}
