namespace OpenLer.Credentials.Common;

/// <summary>Names of the checks in a verification result, stable across releases.</summary>
public static class CheckNames
{
    /// <summary>The input parsed as a supported credential format within the size and depth limits.</summary>
    public const string Format = "format";

    /// <summary>The cryptographic proof or signature.</summary>
    public const string Proof = "proof";

    /// <summary>The key belongs to the issuer and is authorized for the proof purpose.</summary>
    public const string VerificationMethod = "verification-method";

    /// <summary>validFrom / validUntil (and VC 1.1 issuanceDate / expirationDate, JWT nbf / exp).</summary>
    public const string ValidityPeriod = "validity-period";

    /// <summary>Open Badges 3.0 / CLR 2.0 data model rules (types, subject id or identifier, issuance date).</summary>
    public const string OpenBadges = "open-badges";

    /// <summary>Every credential nested in a CLR 2.0 ClrCredential verifies.</summary>
    public const string NestedCredentials = "nested-credentials";

    /// <summary>Endorsements embedded in an Open Badges credential (third parties' claims): informational, not required.</summary>
    public const string Endorsements = "endorsements";

    /// <summary>Revocation / suspension status.</summary>
    public const string Status = "status";

    /// <summary>JSON Schema named by credentialSchema.</summary>
    public const string Schema = "schema";

    /// <summary>The issuer is in the verifier's trust list.</summary>
    public const string IssuerTrust = "issuer-trust";

    /// <summary>Holder binding (SD-JWT key binding, presentation proof).</summary>
    public const string HolderBinding = "holder-binding";

    /// <summary>Selective disclosures are well-formed and referenced (SD-JWT).</summary>
    public const string Disclosures = "disclosures";

    /// <summary>
    /// Present only for a practice (training) credential (OpenBadges/PracticeMarker), and then always failed: such a
    /// credential is never verified as a real one, whatever its signature.
    /// </summary>
    public const string Practice = "practice";
}
