using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.DataIntegrity;

/// <summary>The outcome of verifying a document's proofs: the proof check and the verification-method check.</summary>
public sealed record ProofVerification(CheckResult Proof, CheckResult VerificationMethod, string? ProofType)
{
    public bool Verified => Proof.Status == CheckStatus.Passed && VerificationMethod.Status == CheckStatus.Passed;

    public IEnumerable<CheckResult> Checks => [Proof, VerificationMethod];
}
