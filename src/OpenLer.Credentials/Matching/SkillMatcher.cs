namespace OpenLer.Credentials.Matching;

/// <summary>
/// Scores and ranks applicants for a vacancy by the rule of issue 12 (see <see cref="MatchScore"/>): for each vacancy
/// skill the evidence is verified (a shared credential that verifies now aligns to it: 1), self-reported (0.5) or
/// missing (0); applicants missing any must-have rank after all who have some evidence for every must-have; ties by
/// score, then number of verified skills, then application time (earlier first), then application id. Matching reads
/// nothing but <see cref="Vacancy"/> and <see cref="ApplicantProfile"/>, which hold no names, contacts, nationality,
/// languages of origin or other protected data; work authorization is only the disclosed yes/no, and only when the
/// vacancy requires it.
/// </summary>
public static class SkillMatcher
{
    /// <summary>One applicant's match for one vacancy, with each skill's evidence and proofs.</summary>
    public static ApplicantMatch Score(Vacancy vacancy, ApplicantProfile profile)
    {
        ArgumentNullException.ThrowIfNull(vacancy);
        ArgumentNullException.ThrowIfNull(profile);
        if (vacancy.Vocabulary != profile.Vocabulary)
        {
            throw new ArgumentException("the vacancy and the profile use different skill vocabularies", nameof(profile));
        }

        var verified = profile.Verified & vacancy.All;
        var self = profile.SelfReported & vacancy.All;
        var skills = vacancy.Skills.Select(skill =>
        {
            var evidence = profile.EvidenceFor(skill.Code);
            return new SkillMatch(skill.Code, skill.Weight, skill.MustHave, evidence, evidence == EvidenceKind.Verified ? profile.ProofsFor(skill.Code) : []);
        }).ToList();
        var tenths = MatchScore.Tenths(MatchScore.DoubledPoints(vacancy, verified, self), vacancy.WeightSum);
        return new ApplicantMatch(
            profile.ApplicationId,
            profile.AppliedAt,
            tenths / 10m,
            (vacancy.MustHave & ~(verified | self)) == UInt128.Zero,
            vacancy.RequiresWorkAuthorization ? profile.WorkAuthorized == true : null,
            SkillBits.Count(verified),
            skills.AsReadOnly());
    }

    /// <summary>Ranks the applicants (through an <see cref="ApplicantIndex"/>) and explains every one, best first.</summary>
    public static IReadOnlyList<ApplicantMatch> Rank(Vacancy vacancy, IEnumerable<ApplicantProfile> profiles)
    {
        ArgumentNullException.ThrowIfNull(vacancy);
        var ranking = ApplicantIndex.Build(profiles, vacancy.Vocabulary).Rank(vacancy);
        return ranking.Explain(0, ranking.Count);
    }
}
