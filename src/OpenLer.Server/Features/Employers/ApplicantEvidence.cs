using OpenLer.Credentials.Matching;
using OpenLer.Credentials.Verification;
using OpenLer.Server.Features.Sharing;

namespace OpenLer.Server.Features.Employers;

/// <summary>One credential of an application, verified now: its JSON as shared, its name and issuer, and the verifier's result.</summary>
public sealed record SharedCredentialCheck(Guid CredentialId, string JsonId, string Name, string IssuerName, string Json, VerificationResult Result);

/// <summary>
/// What the employer may know of one application for matching and export: the share's state (a stopped share shows no
/// credentials), each shared credential verified now, the skills the applicant reports, and the profile the matching
/// engine ranks (no name, contact or other personal data in it); for a job that requires work authorization, the answer
/// the person disclosed (null when the job does not ask).
/// </summary>
public sealed record ApplicantEvidence(
    JobApplication Application,
    ShareState ShareState,
    IReadOnlyList<SharedCredentialCheck> Credentials,
    IReadOnlyList<string> SelfReported,
    ApplicantProfile Profile,
    ApplicantWorkAuthorization? WorkAuthorization = null)
{
    /// <summary>The shared credential a proof names, or null.</summary>
    public SharedCredentialCheck? Find(SkillProof proof) =>
        proof is null ? null : Credentials.FirstOrDefault(c => c.JsonId == proof.CredentialId || c.CredentialId.ToString("D") == proof.CredentialId);
}

/// <summary>One applicant in a vacancy's ranking: rank (1 = best), the name they chose to show, the explained match, and the evidence.</summary>
public sealed record RankedApplicant(int Rank, string DisplayName, ApplicantMatch Match, ApplicantEvidence Evidence);
