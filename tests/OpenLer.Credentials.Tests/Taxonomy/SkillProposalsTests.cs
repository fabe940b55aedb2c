using OpenLer.Credentials.Taxonomy;

namespace OpenLer.Credentials.Tests.Taxonomy;

public sealed class SkillProposalsTests
{
    [Fact]
    public void NursingAssistants_ByImportanceThenLevel_WithSuggestedCategories()
    {
        var result = SkillProposals.For(OnetDatabase.BuiltIn, "31-1131.00");
        Assert.True(result.IsSuccess, result.Error?.ToString());
        var skills = result.Value;
        Assert.Equal(35, skills.Count);
        Assert.All(skills, s => Assert.Equal(OnetDomain.Skill, s.Element.Domain));
        for (var i = 1; i < skills.Count; i++)
        {
            Assert.True(skills[i - 1].Importance > skills[i].Importance
                || (skills[i - 1].Importance == skills[i].Importance && (skills[i - 1].Level ?? -1) >= (skills[i].Level ?? -1)));
        }

        // Service Orientation 4.00 (S 75) is the only must-have; Active Listening and Social Perceptiveness 3.62 (S 65.5) important.
        Assert.Equal("2.B.1.f", skills[0].Element.Id);
        Assert.Equal(SkillCategory.MustHave, skills[0].Suggested);
        Assert.Equal(75m, skills[0].ImportanceScore);
        Assert.Equal(["2.A.1.b", "2.B.1.a"], skills.Where(s => s.Suggested == SkillCategory.Important).Select(s => s.Element.Id).Order(StringComparer.Ordinal));
        Assert.All(skills.Where(s => s.Suggested == SkillCategory.NiceToHave), s => Assert.InRange(s.ImportanceScore, 50m, 62.49m));
        Assert.All(skills.Where(s => s.Suggested is null), s => Assert.True(s.ImportanceScore < 50m));
    }

    [Fact]
    public void FewImportantSkills_TopUpToTheMinimumAsNiceToHave()
    {
        // Janitors: only two skills reach importance 3.0.
        var skills = SkillProposals.For(OnetDatabase.BuiltIn, "37-2011.00").Value;
        Assert.Equal(5, skills.Count(s => s.Suggested is not null));
        Assert.Equal(2, skills.Count(s => s.ImportanceScore >= 50m));
        Assert.All(skills.Take(5), s => Assert.NotNull(s.Suggested));
    }

    [Fact]
    public void Options_ChangeTheCategories()
    {
        var options = new SkillProposalOptions { MustHaveFrom = 50m, ImportantFrom = 40m, NiceToHaveFrom = 30m, MinimumProposed = 0, MaximumProposed = 3, IncludeKnowledge = true };
        var skills = SkillProposals.For(OnetDatabase.BuiltIn, "31-1131.00", options).Value;
        Assert.Contains(skills, s => s.Element.Domain == OnetDomain.Knowledge);
        Assert.Equal(3, skills.Count(s => s.Suggested is not null));
        Assert.All(skills.Take(3), s => Assert.Equal(SkillCategory.MustHave, s.Suggested));
    }

    [Theory]
    [InlineData(101, 60, 50, 5, 15)]
    [InlineData(60, 70, 50, 5, 15)]
    [InlineData(75, 62.5, -1, 5, 15)]
    [InlineData(75, 62.5, 50, 16, 15)]
    [InlineData(75, 62.5, 50, -1, 15)]
    public void InvalidOptions_ClearError(decimal must, decimal important, decimal nice, int min, int max)
    {
        var result = SkillProposals.For(OnetDatabase.BuiltIn, "31-1131.00", new SkillProposalOptions
        {
            MustHaveFrom = must, ImportantFrom = important, NiceToHaveFrom = nice, MinimumProposed = min, MaximumProposed = max,
        });
        Assert.Equal(TaxonomyErrors.InvalidThresholds, result.Error!.Code);
    }

    [Fact]
    public void UnknownOccupation_ClearError_UnratedOccupation_Empty()
    {
        Assert.Equal(TaxonomyErrors.UnknownCode, SkillProposals.For(OnetDatabase.BuiltIn, "00-0000.00").Error!.Code);
        var unrated = OnetDatabase.BuiltIn.Occupations.First(o => o.Ratings.Count == 0);
        Assert.Empty(SkillProposals.For(OnetDatabase.BuiltIn, unrated.Code).Value);
    }
}
