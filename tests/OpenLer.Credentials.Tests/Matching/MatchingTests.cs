using OpenLer.Credentials.Matching;
using OpenLer.Credentials.Taxonomy;

namespace OpenLer.Credentials.Tests.Matching;

/// <summary>The score and order of issue 12 on hand-made cases.</summary>
public sealed class MatchingTests
{
    private const string Reading = "2.A.1.a";
    private const string Listening = "2.A.1.b";
    private const string Speaking = "2.A.1.d";
    private const string Service = "2.B.1.f";
    private const string Customer = "2.C.1.e";

    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static Vacancy V(params VacancySkill[] skills) => Vacancy.Create(skills).Value;

    private static Vacancy Standard => V(VacancySkill.Of(Reading, SkillCategory.MustHave), VacancySkill.Of(Listening, SkillCategory.Important), VacancySkill.Of(Service, SkillCategory.NiceToHave));

    private static ApplicantProfile P(string id, string[]? verified = null, string[]? self = null, int minutes = 0, bool? authorized = null, string issuer = "did:web:cbo.example") =>
        ApplicantProfile.Create(id, T0.AddMinutes(minutes),
            verified is null ? [] : [new CredentialEvidence("urn:cred:" + id, issuer, true, verified)],
            self ?? [], authorized);

    [Fact]
    public void Score_VerifiedSelfReportedMissing()
    {
        Assert.Equal(100m, SkillMatcher.Score(Standard, P("a", [Reading, Listening, Service])).Score);
        // (3 × 1 + 2 × 0.5 + 1 × 0) / 6 = 66.666… → 66.7
        Assert.Equal(66.7m, SkillMatcher.Score(Standard, P("b", [Reading], [Listening])).Score);
        // Self-reported only: (3 + 2 + 1) × 0.5 / 6 = 50
        var self = SkillMatcher.Score(Standard, P("c", self: [Reading, Listening, Service]));
        Assert.Equal(50m, self.Score);
        Assert.True(self.MustHaveMet);
        Assert.Equal(0, self.VerifiedCount);
        Assert.All(self.Skills, s => Assert.Equal(EvidenceKind.SelfReported, s.Evidence));
        Assert.Equal(0m, SkillMatcher.Score(Standard, P("d")).Score);
    }

    [Fact]
    public void Explanation_NamesProvingCredentialsAndIssuers()
    {
        var profile = ApplicantProfile.Create("x", T0,
        [
            new CredentialEvidence("urn:cred:1", "did:web:irc.example", true, [Reading, Listening]),
            new CredentialEvidence("urn:cred:2", "did:web:college.example", true, [Reading]),
            new CredentialEvidence("urn:cred:2", "did:web:college.example", true, [Reading]),
        ], [Service]);
        var match = SkillMatcher.Score(Standard, profile);
        Assert.Equal([Reading, Listening, Service], match.Skills.Select(s => s.Code));
        Assert.Equal([new SkillProof("urn:cred:1", "did:web:irc.example"), new SkillProof("urn:cred:2", "did:web:college.example")], match.Skills[0].Proofs);
        Assert.Equal(EvidenceKind.SelfReported, match.Skills[2].Evidence);
        Assert.Empty(match.Skills[2].Proofs);
        Assert.Equal(2, match.VerifiedCount);
    }

    [Fact]
    public void NotVerifyingCredential_RevokedExpiredOrUntrusted_CountsZero_NotEvenSelfReported()
    {
        // The caller marks a revoked, expired or untrusted-issuer credential VerifiesNow = false.
        var profile = ApplicantProfile.Create("r", T0, [new CredentialEvidence("urn:revoked", "did:web:cbo.example", false, [Reading, Listening, Service])], []);
        var match = SkillMatcher.Score(Standard, profile);
        Assert.Equal(0m, match.Score);
        Assert.False(match.MustHaveMet);
        Assert.All(match.Skills, s => Assert.Equal(EvidenceKind.Missing, s.Evidence));
    }

    [Fact]
    public void SelfReportedSkillProvenByACredential_CountsAsVerifiedOnce()
    {
        var match = SkillMatcher.Score(Standard, P("x", [Reading], [Reading, Reading]));
        Assert.Equal(EvidenceKind.Verified, match.Skills[0].Evidence);
        Assert.Equal(50m, match.Score);
    }

    [Fact]
    public void MustHaveGate_MissingMustHaveRanksAfterEveryoneWhoHasIt()
    {
        var ranked = SkillMatcher.Rank(Standard,
        [
            P("strong-but-no-must", [Listening, Service]),            // 50, gate failed
            P("weak-self-must", self: [Reading]),                     // 25, gate met
            P("verified-must", [Reading]),                            // 50, gate met
        ]);
        Assert.Equal(["verified-must", "weak-self-must", "strong-but-no-must"], ranked.Select(m => m.ApplicationId));
        Assert.Equal([50m, 25m, 50m], ranked.Select(m => m.Score));
        Assert.Equal([true, true, false], ranked.Select(m => m.MustHaveMet));
    }

    [Fact]
    public void Ties_ByScoreThenVerifiedCountThenTimeThenId()
    {
        // Two nice-to-haves and one important: two verified nice-to-haves (2 points, 2 verified) tie in score with one
        // verified important (2 points, 1 verified).
        var vacancy = V(VacancySkill.Of(Speaking, SkillCategory.NiceToHave), VacancySkill.Of(Service, SkillCategory.NiceToHave), VacancySkill.Of(Listening, SkillCategory.Important));
        var ranked = SkillMatcher.Rank(vacancy,
        [
            P("one-verified", [Listening], minutes: 0),
            P("two-verified", [Speaking, Service], minutes: 50),
            P("b-late", [Listening], minutes: 10),
            P("a-late", [Listening], minutes: 10),
            P("best", [Speaking, Service, Listening], minutes: 99),
        ]);
        Assert.Equal(["best", "two-verified", "one-verified", "a-late", "b-late"], ranked.Select(m => m.ApplicationId));
        Assert.Equal([100m, 50m, 50m, 50m, 50m], ranked.Select(m => m.Score));
        Assert.Equal([3, 2, 1, 1, 1], ranked.Select(m => m.VerifiedCount));
    }

    [Fact]
    public void Ties_AmongGateFailures_FollowTheSameOrder()
    {
        var ranked = SkillMatcher.Rank(Standard,
        [
            P("late", [Listening], minutes: 5),
            P("early", [Listening], minutes: 1),
            P("more", [Listening, Service], minutes: 9),
        ]);
        Assert.Equal(["more", "early", "late"], ranked.Select(m => m.ApplicationId));
        Assert.All(ranked, m => Assert.False(m.MustHaveMet));
    }

    [Fact]
    public void WorkAuthorization_IsAGateOnlyWhenTheVacancyRequiresIt()
    {
        var skills = new[] { VacancySkill.Of(Reading, SkillCategory.Important) };
        var open = Vacancy.Create(skills).Value;
        var requiring = Vacancy.Create(skills, requiresWorkAuthorization: true).Value;
        var profiles = new[] { P("undisclosed", [Reading]), P("no", [Reading], minutes: 1, authorized: false), P("yes", self: [Reading], minutes: 2, authorized: true) };

        Assert.Equal(["undisclosed", "no", "yes"], SkillMatcher.Rank(open, profiles).Select(m => m.ApplicationId));
        Assert.All(SkillMatcher.Rank(open, profiles), m => Assert.Null(m.WorkAuthorizationMet));

        var ranked = SkillMatcher.Rank(requiring, profiles);
        Assert.Equal(["yes", "undisclosed", "no"], ranked.Select(m => m.ApplicationId));
        Assert.Equal([true, false, false], ranked.Select(m => m.WorkAuthorizationMet));
        // The gate never changes the score.
        Assert.Equal([50m, 100m, 100m], ranked.Select(m => m.Score));
    }

    [Theory]
    [InlineData(new[] { 3, 2, 2, 1 }, new[] { 0, 0, 0, 1 }, 6.3)]     // 0.5 / 8 = 6.25 → 6.3 (banker's rounding would give 6.2)
    [InlineData(new[] { 3, 3, 2, 1 }, new[] { 2, 1, 0, 0 }, 50.0)]    // 4.5 / 9
    [InlineData(new[] { 3, 2, 1 }, new[] { 2, 1, 0 }, 66.7)]          // 4 / 6 = 66.666…
    [InlineData(new[] { 3, 2, 1 }, new[] { 0, 0, 2 }, 16.7)]          // 1 / 6 = 16.666…
    [InlineData(new[] { 1, 1, 1, 1, 1, 1, 1, 1 }, new[] { 1, 0, 0, 0, 0, 0, 0, 0 }, 6.3)] // 0.5 / 8 = 6.25 → 6.3
    [InlineData(new[] { 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2 }, new[] { 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, 2.5)] // 1 / 40
    [InlineData(new[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }, new[] { 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, 1.3)] // 0.5 / 40 = 1.25 → 1.3
    public void Rounding_OneDecimal_HalvesAwayFromZero(int[] weights, int[] evidence, double expected)
    {
        var codes = SkillVocabulary.Default.Codes;
        var vacancy = Vacancy.Create(weights.Select((w, i) => new VacancySkill(codes[i], w, false))).Value;
        var profile = ApplicantProfile.Create("x", T0,
            [new CredentialEvidence("c", null, true, [.. codes.Take(weights.Length).Where((_, i) => evidence[i] == 2)])],
            [.. codes.Take(weights.Length).Where((_, i) => evidence[i] == 1)]);
        var score = SkillMatcher.Score(vacancy, profile).Score;
        Assert.Equal((decimal)expected, score);
        Assert.Equal(MatchScore.Reference(weights.Select((w, i) => (w, (EvidenceKind)evidence[i]))), score);
    }

    [Theory]
    [InlineData("[]", MatchingErrors.NoSkills, "no skills")]
    [InlineData("2.A.1.a:0", MatchingErrors.InvalidWeight, "weight must be 1 (nice-to-have), 2 (important) or 3 (must-have), not 0")]
    [InlineData("2.A.1.a:4", MatchingErrors.InvalidWeight, "not 4")]
    [InlineData("2.A.1.a:2!", MatchingErrors.InvalidWeight, "a must-have skill has weight 3, not 2")]
    [InlineData("35-2021.00:1", MatchingErrors.UnknownSkill, "\"35-2021.00\" is not an O*NET skill or knowledge element ID of O*NET 29.2")]
    [InlineData("2.A.1.a:1,2.A.1.a:2", MatchingErrors.DuplicateSkill, "skills[1]: 2.A.1.a is listed twice")]
    public void Vacancy_BadInput_ClearErrors(string spec, string code, string message)
    {
        var skills = spec == "[]" ? [] : spec.Split(',').Select(s =>
        {
            var parts = s.TrimEnd('!').Split(':');
            return new VacancySkill(parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), s.EndsWith('!'));
        }).ToArray();
        var result = Vacancy.Create(skills);
        Assert.False(result.IsSuccess);
        Assert.Equal(code, result.Error.Code);
        Assert.Contains(message, result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownSelfReportedCodes_AreIgnoredAndListed()
    {
        var profile = P("x", self: [Reading, "2.Z.9.z", "35-2021.00"]);
        Assert.Equal(["2.Z.9.z", "35-2021.00"], profile.IgnoredSelfReported);
        Assert.Equal([Reading], profile.SelfReportedCodes);
    }

    [Fact]
    public void KnowledgeElements_CanBeRequired()
    {
        var vacancy = V(VacancySkill.Of(Customer, SkillCategory.MustHave));
        Assert.Equal(100m, SkillMatcher.Score(vacancy, P("x", [Customer])).Score);
    }

    [Fact]
    public void VacancyIndex_RanksJobsForOneProfile()
    {
        var index = VacancyIndex.Build(
        [
            ("needs-speaking", V(VacancySkill.Of(Speaking, SkillCategory.MustHave))),
            ("reading-and-listening", V(VacancySkill.Of(Reading, SkillCategory.MustHave), VacancySkill.Of(Listening, SkillCategory.Important))),
            ("reading-only", V(VacancySkill.Of(Reading, SkillCategory.Important))),
            ("authorization", Vacancy.Create([VacancySkill.Of(Reading, SkillCategory.Important)], requiresWorkAuthorization: true).Value),
        ]);
        var ranking = index.Rank(P("me", [Reading], [Listening]));
        Assert.Equal(["reading-only", "reading-and-listening", "authorization", "needs-speaking"], Enumerable.Range(0, ranking.Count).Select(ranking.IdAt));
        Assert.Equal(80m, ranking.ScoreAt(1));
        Assert.False(ranking.PassesGatesAt(2));
        Assert.Equal(100m, ranking.Explain(2).Score);
    }

    [Fact]
    public void DifferentVocabularies_AreAProgrammerError()
    {
        var other = SkillVocabulary.Create([Reading], "test");
        var profile = ApplicantProfile.Create("x", T0, [], [Reading], vocabulary: other);
        Assert.Throws<ArgumentException>(() => SkillMatcher.Score(Standard, profile));
    }
}
