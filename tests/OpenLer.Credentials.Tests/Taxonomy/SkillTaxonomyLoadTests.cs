using System.Text;
using OpenLer.Credentials.Taxonomy;

namespace OpenLer.Credentials.Tests.Taxonomy;

public class SkillTaxonomyLoadTests
{
    private const string Valid = """
        {"format":"openler-taxonomy/1","name":"Test","source":"Tests",
         "skills":[{"code":"S1","name":"One","description":"First"}],
         "occupations":[{"code":"O1","title":"Job","description":"Does","skills":["S1"]}]}
        """;

    private static Common.Outcome<SkillTaxonomy> Load(string json) => SkillTaxonomy.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void Load_Valid()
    {
        var result = Load(Valid);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal("Test", result.Value.Name);
        Assert.Equal(new Skill("S1", "One", "First"), result.Value.FindSkill("S1"));
        Assert.Equal(["S1"], result.Value.FindOccupation("O1")!.SkillCodes);
        Assert.Null(result.Value.FindOccupation("O2"));
    }

    [Theory]
    [InlineData("not json", "taxonomy file: ")]
    [InlineData("[]", "taxonomy file: ")]
    [InlineData("""{"format":"openler-taxonomy/1","format":"x"}""", "taxonomy file: ")]
    [InlineData("""{"format":"other/2","name":"T","source":"S","skills":[],"occupations":[]}""", "\"format\" must be \"openler-taxonomy/1\"")]
    [InlineData("""{"format":"openler-taxonomy/1","name":"","source":"S","skills":[],"occupations":[]}""", "\"name\" and \"source\"")]
    [InlineData("""{"format":"openler-taxonomy/1","name":"T","source":"S","skills":{},"occupations":[]}""", "must be arrays")]
    [InlineData("""{"format":"openler-taxonomy/1","name":"T","source":"S","skills":[{"code":"S1","name":"One"}],"occupations":[]}""", "skills[0] must be an object")]
    [InlineData("""{"format":"openler-taxonomy/1","name":"T","source":"S","skills":[{"code":"S1","name":"One","description":"D"},{"code":"S1","name":"Two","description":"D"}],"occupations":[]}""", "skill code S1 appears twice")]
    [InlineData("""{"format":"openler-taxonomy/1","name":"T","source":"S","skills":[],"occupations":[{"code":"O1","title":"J","description":"D","skills":[1]}]}""", "occupations[0].skills must hold skill codes")]
    [InlineData("""{"format":"openler-taxonomy/1","name":"T","source":"S","skills":[],"occupations":[{"code":"O1","title":"J","description":"D","skills":["S9"]}]}""", "occupation O1 names skill S9, which is not in the taxonomy")]
    [InlineData("""{"format":"openler-taxonomy/1","name":"T","source":"S","skills":[],"occupations":[{"code":"O1","title":"J","description":"D","skills":[]},{"code":"O1","title":"J","description":"D","skills":[]}]}""", "occupation code O1 appears twice")]
    public void Load_Invalid_ClearError(string json, string expected)
    {
        var result = Load(json);
        Assert.False(result.IsSuccess);
        Assert.Equal(TaxonomyErrors.InvalidTaxonomy, result.Error.Code);
        Assert.Contains(expected, result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TooLarge_Refused()
    {
        var result = SkillTaxonomy.Load(new MemoryStream(new byte[SkillTaxonomy.FileLimits.MaxBytes + 1]));
        Assert.False(result.IsSuccess);
        Assert.Contains("larger than", result.Error.Message, StringComparison.Ordinal);
    }
}
