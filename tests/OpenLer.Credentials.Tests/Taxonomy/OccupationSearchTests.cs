using OpenLer.Credentials.Taxonomy;

namespace OpenLer.Credentials.Tests.Taxonomy;

public sealed class OccupationSearchTests
{
    private static OccupationSearch Search => OnetDatabase.BuiltIn.Search;

    [Fact]
    public void ExactTitle_RanksFirst()
    {
        var results = Search.Find("Janitors and Cleaners, Except Maids and Housekeeping Cleaners");
        Assert.Equal("37-2011.00", results[0].Occupation.Code);
        Assert.False(results[0].IsAlternateTitle);
    }

    [Fact]
    public void CaseAndDiacritics_AreIgnored()
    {
        var plain = Search.Find("cafe cook");
        var accented = Search.Find("CAFÉ Cook");
        Assert.NotEmpty(plain);
        Assert.Equal(plain.Select(m => m.Occupation.Code), accented.Select(m => m.Occupation.Code));
    }

    [Fact]
    public void AlternateTitle_FindsTheOccupation()
    {
        var results = Search.Find("CEO");
        Assert.Equal("11-1011.00", results[0].Occupation.Code);
        Assert.True(results[0].IsAlternateTitle);
        Assert.Equal("CEO", results[0].MatchedTitle);
    }

    [Fact]
    public void WordPrefixes_Match_AndEachOccupationAppearsOnce()
    {
        var results = Search.Find("nurs assist", limit: 50);
        Assert.Contains(results, m => m.Occupation.Code == "31-1131.00");
        Assert.Equal(results.Count, results.Select(m => m.Occupation.Code).Distinct().Count());
        Assert.All(results, m => Assert.Contains("nurs", TextFolding.Fold(m.MatchedTitle), StringComparison.Ordinal));
    }

    [Fact]
    public void Ranking_OwnTitleBeforeAlternate_WholeWordsBeforePrefixes()
    {
        var results = Search.Find("cook", limit: 100);
        var firstPrefixOnly = results.Select((m, i) => (m, i)).First(x => !TextFolding.Fold(x.m.MatchedTitle).Split(' ').Contains("cook")).i;
        Assert.All(results.Take(firstPrefixOnly), m => Assert.Contains("cook", TextFolding.Fold(m.MatchedTitle).Split(' ')));
        Assert.True(results.Skip(firstPrefixOnly).All(m => !TextFolding.Fold(m.MatchedTitle).Split(' ').Contains("cook")));
    }

    [Fact]
    public void CodePrefix_FindsByCode()
    {
        var results = Search.Find("35-20");
        Assert.NotEmpty(results);
        Assert.All(results, m => Assert.StartsWith("35-20", m.Occupation.Code, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!!! ???")]
    [InlineData("zzzzqqqxx")]
    public void NothingToFind_EmptyList(string query) => Assert.Empty(Search.Find(query));

    [Fact]
    public void HostileQueries_DoNotThrow()
    {
        Assert.Empty(Search.Find(new string('a', 100_000) + " b"));
        Search.Find("\ud800 cook");
        Search.Find("<script>alert(1)</script>");
        Assert.Equal(3, Search.Find("a", limit: 3).Count);
    }

    [Fact]
    public void TextFolding_RemovesMarksAndPunctuation()
    {
        Assert.Equal("cafe creme brulee", TextFolding.Fold("  Café-Crème   Brûlée! "));
        // Arabic harakat are combining marks: "عامِل" folds to "عامل".
        Assert.Equal("عامل نظافة", TextFolding.Fold("عامِل نظافة"));
    }
}
