namespace OpenLer.Credentials.DataIntegrity;

/// <summary>
/// Options for creating a Data Integrity proof (VC Data Integrity 1.0 §2.1 proof properties).
/// <see cref="Created"/> defaults to the signer's clock, to the second.
/// </summary>
public sealed record ProofOptions
{
    /// <summary>The cryptosuite, e.g. "eddsa-jcs-2022", "ecdsa-jcs-2019", "eddsa-rdfc-2022".</summary>
    public required string Cryptosuite { get; init; }

    /// <summary>The DID URL of the signing key, e.g. did:web:example.org#key-1 or did:key:z6Mk…#z6Mk….</summary>
    public required string VerificationMethod { get; init; }

    public string ProofPurpose { get; init; } = "assertionMethod";

    public DateTimeOffset? Created { get; init; }

    public DateTimeOffset? Expires { get; init; }

    /// <summary>Required with proofPurpose authentication (presentations), to bind the proof to a verifier's request.</summary>
    public string? Challenge { get; init; }

    public string? Domain { get; init; }

    public string? Id { get; init; }

    /// <summary>Ids of existing proofs this proof chains to (§2.1.3 previousProof); they are covered by its signature.</summary>
    public IReadOnlyList<string>? PreviousProof { get; init; }
}
