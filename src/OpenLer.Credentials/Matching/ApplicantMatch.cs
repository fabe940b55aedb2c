namespace OpenLer.Credentials.Matching;

/// <summary>
/// How an applicant matches a vacancy, explained: the score (0-100, one decimal), whether every must-have has some
/// evidence, whether the work-authorization gate is met (null when the vacancy does not require it), the number of
/// verified skills, and each skill's evidence in the vacancy's order.
/// </summary>
public sealed record ApplicantMatch(
    string ApplicationId,
    DateTimeOffset AppliedAt,
    decimal Score,
    bool MustHaveMet,
    bool? WorkAuthorizationMet,
    int VerifiedCount,
    IReadOnlyList<SkillMatch> Skills)
{
    /// <summary>Whether the applicant ranks among those who pass the gates: every must-have, and work authorization when required.</summary>
    public bool PassesGates => MustHaveMet && WorkAuthorizationMet != false;
}
