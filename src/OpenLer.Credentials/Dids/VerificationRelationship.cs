namespace OpenLer.Credentials.Dids;

/// <summary>Verification relationships (DID Core §5.3; Controlled Identifiers 1.0 §2.3) and the proof purposes that name them.</summary>
public enum VerificationRelationship
{
    AssertionMethod,
    Authentication,
    CapabilityInvocation,
    CapabilityDelegation,
    KeyAgreement,
}

public static class VerificationRelationships
{
    public static string Name(this VerificationRelationship relationship) => relationship switch
    {
        VerificationRelationship.AssertionMethod => "assertionMethod",
        VerificationRelationship.Authentication => "authentication",
        VerificationRelationship.CapabilityInvocation => "capabilityInvocation",
        VerificationRelationship.CapabilityDelegation => "capabilityDelegation",
        VerificationRelationship.KeyAgreement => "keyAgreement",
        _ => throw new ArgumentOutOfRangeException(nameof(relationship)),
    };

    /// <summary>The relationship a Data Integrity proofPurpose requires (VC Data Integrity §2.2).</summary>
    public static VerificationRelationship? FromProofPurpose(string? proofPurpose) => proofPurpose switch
    {
        "assertionMethod" => VerificationRelationship.AssertionMethod,
        "authentication" => VerificationRelationship.Authentication,
        "capabilityInvocation" => VerificationRelationship.CapabilityInvocation,
        "capabilityDelegation" => VerificationRelationship.CapabilityDelegation,
        "keyAgreement" => VerificationRelationship.KeyAgreement,
        _ => null,
    };

    internal static readonly VerificationRelationship[] All =
    [
        VerificationRelationship.AssertionMethod,
        VerificationRelationship.Authentication,
        VerificationRelationship.CapabilityInvocation,
        VerificationRelationship.CapabilityDelegation,
        VerificationRelationship.KeyAgreement,
    ];
}
