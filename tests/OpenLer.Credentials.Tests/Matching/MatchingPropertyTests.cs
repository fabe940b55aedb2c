using FsCheck;
using FsCheck.Fluent;
using OpenLer.Credentials.Matching;

namespace OpenLer.Credentials.Tests.Matching;

/// <summary>Properties of the score and order, checked by FsCheck on random vacancies and applicants.</summary>
public sealed class MatchingPropertyTests
{
    private static readonly IReadOnlyList<string> Codes = SkillVocabulary.Default.Codes;
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly Config Checks = Config.QuickThrowOnFailure.WithMaxTest(500);

    /// <summary>A vacancy of 1-15 distinct skills, each weight 1-3, weight-3 skills must-have or not.</summary>
    private static Gen<VacancySkill[]> VacancyGen =>
        from count in Gen.Choose(1, 15)
        from indexes in Gen.Shuffle(Enumerable.Range(0, Codes.Count).ToArray())
        from weights in Gen.ArrayOf(Gen.Choose(1, 3), count)
        from must in Gen.ArrayOf(Gen.Elements(true, false), count)
        select Enumerable.Range(0, count).Select(i => new VacancySkill(Codes[indexes[i]], weights[i], weights[i] == 3 && must[i])).ToArray();

    /// <summary>0-20 verified and 0-20 self-reported codes.</summary>
    private static Gen<(string[] Verified, string[] Self)> EvidenceGen =>
        from verified in Gen.Choose(0, 20)
        from self in Gen.Choose(0, 20)
        from a in Gen.Shuffle(Codes.ToArray())
        from b in Gen.Shuffle(Codes.ToArray())
        select (a.Take(verified).ToArray(), b.Take(self).ToArray());

    private static ApplicantProfile Profile(string id, (string[] Verified, string[] Self) evidence, int minutes = 0) =>
        ApplicantProfile.Create(id, T0.AddMinutes(minutes), [new CredentialEvidence("urn:c:" + id, "did:web:i.example", true, evidence.Verified)], evidence.Self);

    [Fact]
    public void AddingEvidence_NeverLowersTheScore_NorLosesAMustHave()
    {
        var gen = from skills in VacancyGen
                  from evidence in EvidenceGen
                  from extra in Gen.Elements(Codes.ToArray())
                  from verified in Gen.Elements(true, false)
                  select (skills, evidence, extra, verified);
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var vacancy = Vacancy.Create(t.skills).Value;
            var before = SkillMatcher.Score(vacancy, Profile("x", t.evidence));
            var more = t.verified ? (t.evidence.Verified.Append(t.extra).ToArray(), t.evidence.Self) : (t.evidence.Verified, t.evidence.Self.Append(t.extra).ToArray());
            var after = SkillMatcher.Score(vacancy, Profile("x", more));
            return after.Score >= before.Score
                && (!before.MustHaveMet || after.MustHaveMet)
                && after.VerifiedCount >= before.VerifiedCount;
        }).Check(Checks);
    }

    [Fact]
    public void EngineScore_EqualsTheDecimalRule()
    {
        Prop.ForAll((from skills in VacancyGen from evidence in EvidenceGen select (skills, evidence)).ToArbitrary(), t =>
        {
            var vacancy = Vacancy.Create(t.skills).Value;
            var match = SkillMatcher.Score(vacancy, Profile("x", t.evidence));
            var reference = MatchScore.Reference(match.Skills.Select(s => (s.Weight, s.Evidence)));
            var mustMet = match.Skills.Where(s => s.MustHave).All(s => s.Evidence != EvidenceKind.Missing);
            var verifiedSet = t.evidence.Verified.ToHashSet(StringComparer.Ordinal);
            var selfSet = t.evidence.Self.ToHashSet(StringComparer.Ordinal);
            var evidenceRight = match.Skills.All(s => s.Evidence == (verifiedSet.Contains(s.Code) ? EvidenceKind.Verified : selfSet.Contains(s.Code) ? EvidenceKind.SelfReported : EvidenceKind.Missing));
            return match.Score == reference && match.MustHaveMet == mustMet && evidenceRight;
        }).Check(Checks);
    }

    [Fact]
    public void IndexRanking_EqualsSortingTheExplainedMatchesByTheRule()
    {
        var gen = from skills in VacancyGen
                  from applicants in Gen.ListOf(from e in EvidenceGen from minutes in Gen.Choose(0, 5) select (e, minutes))
                  select (skills, applicants);
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var vacancy = Vacancy.Create(t.skills).Value;
            var profiles = t.applicants.Select((a, i) => Profile("id" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture), a.e, a.minutes)).ToList();
            var ranked = ApplicantIndex.Build(profiles).Rank(vacancy);
            var expected = profiles.Select(p => SkillMatcher.Score(vacancy, p))
                .OrderByDescending(m => m.PassesGates)
                .ThenByDescending(m => m.Score)
                .ThenByDescending(m => m.VerifiedCount)
                .ThenBy(m => m.AppliedAt)
                .ThenBy(m => m.ApplicationId, StringComparer.Ordinal)
                .Select(m => m.ApplicationId);
            return Enumerable.Range(0, ranked.Count).Select(i => ranked[i].ApplicationId).SequenceEqual(expected)
                && Enumerable.Range(0, ranked.Count).All(i => ranked.ScoreAt(i) == ranked.Explain(i).Score);
        }).Check(Checks);
    }
}
