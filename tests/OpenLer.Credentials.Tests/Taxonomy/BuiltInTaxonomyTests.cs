using System.Globalization;
using System.Text.RegularExpressions;
using OpenLer.Credentials.Taxonomy;

namespace OpenLer.Credentials.Tests.Taxonomy;

public partial class BuiltInTaxonomyTests
{
    private static readonly SkillTaxonomy BuiltIn = SkillTaxonomy.BuiltIn;

    [Fact]
    public void HasExactly35SkillsWithValidUniqueCodes()
    {
        Assert.Equal(35, BuiltIn.Skills.Count);
        Assert.All(BuiltIn.Skills, s => Assert.Matches(SkillCode(), s.Code));
        Assert.Equal(35, BuiltIn.Skills.Select(s => s.Code).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("Reading Comprehension", BuiltIn.FindSkill("2.A.1.a")?.Name);
        Assert.Equal("Management of Personnel Resources", BuiltIn.FindSkill("2.B.5.d")?.Name);
        Assert.Null(BuiltIn.FindSkill("2.C.1.a"));
    }

    [Fact]
    public void HasAbout40EntryLevelOccupations_EachWithSkillsAndAShortDescription()
    {
        Assert.InRange(BuiltIn.Occupations.Count, 35, 50);
        Assert.All(BuiltIn.Occupations, o =>
        {
            Assert.Matches(SocCode(), o.Code);
            Assert.Equal(OnetTextImporter.DefaultTopSkills, o.SkillCodes.Count);
            Assert.All(o.SkillCodes, code => Assert.NotNull(BuiltIn.FindSkill(code)));
            Assert.InRange(o.Description.Length, 20, 160);
        });
        foreach (var code in new[] { "35-2021.00", "37-2011.00", "53-7062.00", "51-2092.00", "31-1131.00", "41-2011.00", "53-3032.00",
                     "35-2014.00", "37-2012.00", "51-9111.00", "43-4051.00", "39-9011.00", "47-2061.00" })
        {
            Assert.NotNull(BuiltIn.FindOccupation(code));
        }

        Assert.Equal("Food Preparation Workers", BuiltIn.FindOccupation("35-2021.00")?.Title);
        Assert.Equal(BuiltIn.FindOccupation("35-2021.00")!.SkillCodes, BuiltIn.SkillsOf(BuiltIn.FindOccupation("35-2021.00")!).Select(s => s.Code));
    }

    [Fact]
    public void CodesNamesAndTitles_AreO_NETs()
    {
        var directory = OnetData.DirectoryOrSkip();
        var elements = OnetData.Rows(directory, OnetTextImporter.ContentModelFile).ToDictionary(r => r["Element ID"], r => r["Element Name"], StringComparer.Ordinal);
        var onetSkills = elements.Keys.Where(k => SkillCode().IsMatch(k)).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(onetSkills.Order(StringComparer.Ordinal), BuiltIn.Skills.Select(s => s.Code).Order(StringComparer.Ordinal));
        Assert.All(BuiltIn.Skills, s => Assert.Equal(elements[s.Code], s.Name));

        var titles = OnetData.Rows(directory, OnetTextImporter.OccupationFile).ToDictionary(r => r["O*NET-SOC Code"], r => r["Title"], StringComparer.Ordinal);
        Assert.All(BuiltIn.Occupations, o =>
        {
            Assert.True(titles.ContainsKey(o.Code), $"{o.Code} is not in O*NET Occupation Data");
            Assert.Equal(titles[o.Code], o.Title);
        });
    }

    [Fact]
    public void SkillLists_AreTheTopFiveByO_NETImportance()
    {
        var directory = OnetData.DirectoryOrSkip();
        var ratings = OnetData.Rows(directory, OnetTextImporter.SkillsFile)
            .Where(r => r["Scale ID"] == "IM" && r["Recommend Suppress"] != "Y")
            .GroupBy(r => r["O*NET-SOC Code"], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        Assert.All(BuiltIn.Occupations, o =>
        {
            var expected = ratings[o.Code]
                .OrderByDescending(r => decimal.Parse(r["Data Value"], CultureInfo.InvariantCulture))
                .ThenBy(r => r["Element ID"], StringComparer.Ordinal)
                .Take(5)
                .Select(r => r["Element ID"]);
            Assert.Equal(expected, o.SkillCodes);
        });
    }

    [Fact]
    public void Descriptions_AreOurOwn_NotCopiedFromO_NET()
    {
        var directory = OnetData.DirectoryOrSkip();
        var onet = OnetData.Rows(directory, OnetTextImporter.ContentModelFile).ToDictionary(r => r["Element ID"], r => r["Description"], StringComparer.Ordinal);
        foreach (var row in OnetData.Rows(directory, OnetTextImporter.OccupationFile))
        {
            onet[row["O*NET-SOC Code"]] = row["Description"];
        }

        var ours = BuiltIn.Skills.Select(s => (s.Code, s.Description)).Concat(BuiltIn.Occupations.Select(o => (o.Code, o.Description)));
        Assert.All(ours, entry =>
        {
            var theirs = onet[entry.Code];
            Assert.NotEqual(theirs, entry.Description, StringComparer.OrdinalIgnoreCase);
            Assert.Null(SharedSubstring(entry.Description, theirs, 40));
        });
    }

    [Fact]
    public void SharedSubstring_FindsA40CharacterCopy()
    {
        const string Source = "Perform any combination of tasks involved in cleaning and the preparation of food.";
        Assert.NotNull(SharedSubstring("We " + Source[10..55] + " here.", Source, 40));
        Assert.Null(SharedSubstring("Washes dishes and keeps the kitchen clean.", Source, 40));
    }

    [Fact]
    public void SurvivesARoundTripThroughItsJsonForm()
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(BuiltIn.ToJson().ToJsonString()));
        var loaded = SkillTaxonomy.Load(stream);
        Assert.True(loaded.IsSuccess, loaded.Error?.ToString());
        Assert.Equal(BuiltIn.Skills, loaded.Value.Skills);
        Assert.Equal(BuiltIn.Occupations.Select(o => (o.Code, o.Title, o.Description, string.Join(',', o.SkillCodes))),
            loaded.Value.Occupations.Select(o => (o.Code, o.Title, o.Description, string.Join(',', o.SkillCodes))));
    }

    /// <summary>The first substring of <paramref name="ours"/> of <paramref name="length"/> characters found in <paramref name="theirs"/> (case-insensitive), or null.</summary>
    private static string? SharedSubstring(string ours, string theirs, int length)
    {
        for (var i = 0; i + length <= ours.Length; i++)
        {
            var part = ours.Substring(i, length);
            if (theirs.Contains(part, StringComparison.OrdinalIgnoreCase))
            {
                return part;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^2\.[AB]\.[0-9]\.[a-z]$")]
    private static partial Regex SkillCode();

    [GeneratedRegex(@"^[0-9]{2}-[0-9]{4}\.[0-9]{2}$")]
    private static partial Regex SocCode();
}
