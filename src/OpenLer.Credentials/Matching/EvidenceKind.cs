namespace OpenLer.Credentials.Matching;

/// <summary>The evidence an applicant has for a vacancy's skill (issue 12).</summary>
public enum EvidenceKind
{
    /// <summary>No evidence: e = 0.</summary>
    Missing,

    /// <summary>Only the applicant's own statement: e = 0.5.</summary>
    SelfReported,

    /// <summary>A shared credential that verifies now aligns to the skill: e = 1.</summary>
    Verified,
}
