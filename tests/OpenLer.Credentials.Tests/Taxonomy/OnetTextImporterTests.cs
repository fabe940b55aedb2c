using OpenLer.Credentials.Taxonomy;

namespace OpenLer.Credentials.Tests.Taxonomy;

public sealed class OnetTextImporterTests : IDisposable
{
    private const string ContentModel = "Element ID\tElement Name\tDescription\n"
        + "2.A\tBasic Skills\tA group\n"
        + "2.A.1\tContent\tA group\n"
        + "2.A.1.a\tSkill A\tFirst test skill\n"
        + "2.A.1.b\tSkill B\tSecond test skill\n"
        + "2.B.3.k\tSkill K\tThird test skill\n"
        + "2.C.1.a\tKnowledge X\tNot a skill";

    private const string Occupations = "O*NET-SOC Code\tTitle\tDescription\n"
        + "11-1111.00\tFirst Job\tDoes the first thing.\n"
        + "22-2222.00\tSecond Job\tDoes the second thing.\n"
        + "33-3333.00\tUnrated Job\tHas no ratings.";

    private const string SkillsHeader = "O*NET-SOC Code\tElement ID\tElement Name\tScale ID\tData Value\tN\tStandard Error\tLower CI Bound\tUpper CI Bound\tRecommend Suppress\tNot Relevant\tDate\tDomain Source\n";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "openler-onet-" + Guid.NewGuid().ToString("N"));

    public OnetTextImporterTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Rating(string occupation, string element, string scale, string value, string suppress = "N") =>
        $"{occupation}\t{element}\tName\t{scale}\t{value}\t8\t0.1250\t3.8800\t4.3700\t{suppress}\tn/a\t08/2023\tAnalyst\n";

    private void Write(string? contentModel = ContentModel, string? occupations = Occupations, string? skills = null)
    {
        skills ??= SkillsHeader
            + Rating("11-1111.00", "2.A.1.a", "IM", "3.00") + Rating("11-1111.00", "2.A.1.a", "LV", "6.00")
            + Rating("11-1111.00", "2.A.1.b", "IM", "4.12") + Rating("11-1111.00", "2.A.1.b", "LV", "1.00")
            + Rating("11-1111.00", "2.B.3.k", "IM", "3.00")
            + Rating("22-2222.00", "2.A.1.a", "IM", "2.00") + Rating("22-2222.00", "2.A.1.b", "IM", "4.50", suppress: "Y")
            + Rating("22-2222.00", "2.B.3.k", "IM", "1.00");
        foreach (var (file, text) in new[] { (OnetTextImporter.ContentModelFile, contentModel), (OnetTextImporter.OccupationFile, occupations), (OnetTextImporter.SkillsFile, skills) })
        {
            if (text is not null)
            {
                File.WriteAllText(Path.Combine(_dir, file), text);
            }
        }
    }

    [Fact]
    public void Import_TakesSkillsOccupationsAndTopSkillsByImportance()
    {
        Write();
        var result = OnetTextImporter.Import(_dir, topSkills: 2);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        var taxonomy = result.Value;
        Assert.Equal(["2.A.1.a", "2.A.1.b", "2.B.3.k"], taxonomy.Skills.Select(s => s.Code));
        Assert.Equal("First test skill", taxonomy.FindSkill("2.A.1.a")!.Description);
        Assert.Equal(3, taxonomy.Occupations.Count);
        // Importance only (level rows ignored); equal importance ordered by element ID.
        Assert.Equal(["2.A.1.b", "2.A.1.a"], taxonomy.FindOccupation("11-1111.00")!.SkillCodes);
        // The suppressed rating is skipped.
        Assert.Equal(["2.A.1.a", "2.B.3.k"], taxonomy.FindOccupation("22-2222.00")!.SkillCodes);
        Assert.Empty(taxonomy.FindOccupation("33-3333.00")!.SkillCodes);
        Assert.Equal("Does the second thing.", taxonomy.FindOccupation("22-2222.00")!.Description);
    }

    [Fact]
    public void Import_AcceptsCrLfLineEnds()
    {
        Write(ContentModel.Replace("\n", "\r\n", StringComparison.Ordinal), Occupations.Replace("\n", "\r\n", StringComparison.Ordinal));
        var result = OnetTextImporter.Import(_dir);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal("Third test skill", result.Value.FindSkill("2.B.3.k")!.Description);
        Assert.Equal("Has no ratings.", result.Value.FindOccupation("33-3333.00")!.Description);
    }

    [Fact]
    public void Import_MissingFolder_ClearError() =>
        AssertError(OnetTextImporter.Import(Path.Combine(_dir, "nope")), TaxonomyErrors.MissingFile, "does not exist");

    [Theory]
    [InlineData(OnetTextImporter.ContentModelFile)]
    [InlineData(OnetTextImporter.OccupationFile)]
    [InlineData(OnetTextImporter.SkillsFile)]
    public void Import_MissingFile_NamesIt(string file)
    {
        Write();
        File.Delete(Path.Combine(_dir, file));
        AssertError(OnetTextImporter.Import(_dir), TaxonomyErrors.MissingFile, file + " not found");
    }

    [Fact]
    public void Import_EmptyFile() =>
        AssertMalformed(occupations: "", expected: "Occupation Data.txt line 1: the file is empty");

    [Fact]
    public void Import_WrongHeader() =>
        AssertMalformed(occupations: "Code,Title,Description\n11-1111.00,First,Does", expected: "Occupation Data.txt line 1: the header has no \"O*NET-SOC Code\" column");

    [Fact]
    public void Import_RowWithTooFewFields() =>
        AssertMalformed(occupations: Occupations + "\n44-4444.00\tNo description", expected: "Occupation Data.txt line 5: 2 fields where the header has 3");

    [Fact]
    public void Import_BadOccupationCode() =>
        AssertMalformed(occupations: Occupations.Replace("22-2222.00", "22-2222", StringComparison.Ordinal), expected: "line 3: \"22-2222\" is not an O*NET-SOC code");

    [Fact]
    public void Import_NoSkillElements() =>
        AssertMalformed(contentModel: "Element ID\tElement Name\tDescription\n2.C.1.a\tKnowledge X\tNot a skill", expected: "no skill elements");

    [Theory]
    [InlineData("four", "importance \"four\" is not a number from 1 to 5")]
    [InlineData("7.00", "importance \"7.00\" is not a number from 1 to 5")]
    [InlineData("-1", "importance \"-1\" is not a number from 1 to 5")]
    public void Import_BadImportance(string value, string expected) =>
        AssertMalformed(skills: SkillsHeader + Rating("11-1111.00", "2.A.1.a", "IM", value), expected: "Skills.txt line 2: " + expected);

    [Fact]
    public void Import_RatingOfUnknownOccupation() =>
        AssertMalformed(skills: SkillsHeader + Rating("99-9999.00", "2.A.1.a", "IM", "3.00"), expected: "occupation 99-9999.00 is not in Occupation Data.txt");

    [Fact]
    public void Import_RatingOfUnknownSkill() =>
        AssertMalformed(skills: SkillsHeader + Rating("11-1111.00", "2.C.1.a", "IM", "3.00"), expected: "element 2.C.1.a is not a skill");

    [Fact]
    public void Import_SharedO_NETDatabase_CountsMatchTheFiles()
    {
        var directory = OnetData.DirectoryOrSkip();
        var result = OnetTextImporter.Import(directory);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        var taxonomy = result.Value;

        var occupations = OnetData.Rows(directory, OnetTextImporter.OccupationFile);
        var ratings = OnetData.Rows(directory, OnetTextImporter.SkillsFile).Where(r => r["Scale ID"] == "IM").ToList();
        Assert.Equal(35, taxonomy.Skills.Count);
        Assert.Equal(1016, occupations.Count);
        Assert.Equal(occupations.Count, taxonomy.Occupations.Count);
        Assert.Equal(occupations.Select(r => r["O*NET-SOC Code"]), taxonomy.Occupations.Select(o => o.Code));
        var rated = ratings.Select(r => r["O*NET-SOC Code"]).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(879, rated.Count);
        Assert.Equal(rated.Count, taxonomy.Occupations.Count(o => o.SkillCodes.Count == OnetTextImporter.DefaultTopSkills));
        Assert.Equal(occupations.Count - rated.Count, taxonomy.Occupations.Count(o => o.SkillCodes.Count == 0));

        // Spot check one occupation against its rows: the five highest importance values, highest first.
        var janitor = taxonomy.FindOccupation("37-2011.00")!;
        var values = ratings.Where(r => r["O*NET-SOC Code"] == "37-2011.00").ToDictionary(r => r["Element ID"], r => decimal.Parse(r["Data Value"], System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var chosen = janitor.SkillCodes.Select(c => values[c]).ToList();
        Assert.Equal(chosen.OrderDescending(), chosen);
        Assert.True(chosen[^1] >= values.Where(v => !janitor.SkillCodes.Contains(v.Key)).Max(v => v.Value));

        // The written form reads back.
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(taxonomy.ToJson().ToJsonString()));
        var loaded = SkillTaxonomy.Load(stream);
        Assert.True(loaded.IsSuccess, loaded.Error?.ToString());
        Assert.Equal(1016, loaded.Value.Occupations.Count);
    }

    private void AssertMalformed(string? contentModel = ContentModel, string? occupations = Occupations, string? skills = null, string expected = "")
    {
        Write(contentModel, occupations, skills);
        AssertError(OnetTextImporter.Import(_dir), TaxonomyErrors.MalformedFile, expected);
    }

    private static void AssertError(Common.Outcome<SkillTaxonomy> result, string code, string expected)
    {
        Assert.False(result.IsSuccess);
        Assert.Equal(code, result.Error.Code);
        Assert.Contains(expected, result.Error.Message, StringComparison.Ordinal);
        Assert.StartsWith("O*NET import: ", result.Error.Message, StringComparison.Ordinal);
    }
}
