using System.Globalization;
using OpenLer.Credentials.Taxonomy;

namespace OpenLer.Credentials.Tests.Taxonomy;

public sealed class OnetDatabaseTests
{
    [Fact]
    public void BuiltIn_EqualsWhatTheImporterDerivesFromTheSharedDatabase()
    {
        var directory = OnetData.DirectoryOrSkip();
        var imported = OnetTextImporter.ImportDatabase(directory);
        Assert.True(imported.IsSuccess, imported.Error?.ToString());
        Assert.Equal(imported.Value.ToJsonText(), OnetDatabase.BuiltIn.ToJsonText());
    }

    [Fact]
    public void BuiltIn_HasEveryOccupationAndTheRatedElements()
    {
        var db = OnetDatabase.BuiltIn;
        Assert.Equal("29.2", db.Release);
        Assert.Contains("CC BY 4.0", db.Source, StringComparison.Ordinal);
        Assert.Equal(1016, db.Occupations.Count);
        Assert.Equal(35, db.Elements.Count(e => e.Domain == OnetDomain.Skill));
        Assert.Equal(33, db.Elements.Count(e => e.Domain == OnetDomain.Knowledge));
        Assert.Equal(879, db.Occupations.Count(o => o.Ratings.Count > 0));
        Assert.Equal(923, db.Occupations.Count(o => o.JobZone is not null));

        var chief = db.FindOccupation("11-1011.00")!;
        Assert.Equal("Chief Executives", chief.Title);
        Assert.Equal(5, chief.JobZone);
        Assert.Contains("Aeronautics Commission Director", chief.AlternateTitles);
        Assert.Contains("CEO", chief.AlternateTitles);
        var reading = chief.Ratings.Single(r => r.ElementId == "2.A.1.a");
        Assert.Equal(4.12m, reading.Importance);
        Assert.Equal(4.62m, reading.Level);
        Assert.Equal(78.00m, reading.ImportanceScore);
        Assert.Equal(66.00m, reading.LevelScore);
        Assert.Equal("Administration and Management", db.FindElement("2.C.1.a")!.Name);
        Assert.Equal(OnetDomain.Knowledge, db.FindElement("2.C.1.a")!.Domain);
    }

    [Fact]
    public void Import_DropsSuppressedAndNotRelevantValues_AgainstTheFiles()
    {
        var directory = OnetData.DirectoryOrSkip();
        var db = OnetDatabase.BuiltIn;
        var rows = OnetData.Rows(directory, OnetTextImporter.SkillsFile).Concat(OnetData.Rows(directory, OnetTextImporter.KnowledgeFile)).ToList();
        var checkedSuppressed = 0;
        var checkedNotRelevant = 0;
        foreach (var row in rows)
        {
            var occupation = db.FindOccupation(row["O*NET-SOC Code"])!;
            var rating = occupation.Ratings.SingleOrDefault(r => r.ElementId == row["Element ID"]);
            var value = row["Scale ID"] == "IM" ? rating?.Importance : rating?.Level;
            var dropped = row["Recommend Suppress"] == "Y" || row["Not Relevant"] == "Y";
            if (dropped)
            {
                Assert.Null(value);
                checkedSuppressed += row["Recommend Suppress"] == "Y" ? 1 : 0;
                checkedNotRelevant += row["Not Relevant"] == "Y" ? 1 : 0;
            }
            else
            {
                Assert.Equal(decimal.Parse(row["Data Value"], CultureInfo.InvariantCulture), value);
            }
        }

        Assert.True(checkedSuppressed > 1000 && checkedNotRelevant > 1000, $"{checkedSuppressed} suppressed, {checkedNotRelevant} not relevant");
    }

    [Fact]
    public void EmbeddedResource_IsSmall()
    {
        var path = Path.Combine(Support.SharedFolder.RepositoryRoot, "src", "OpenLer.Credentials", "Taxonomy", "onet.json.br");
        Assert.InRange(new FileInfo(path).Length, 100_000, 2_000_000);
    }

    [Fact]
    public void WriteThenLoad_RoundTrips()
    {
        using var buffer = new MemoryStream();
        OnetDatabase.BuiltIn.WriteTo(buffer);
        buffer.Position = 0;
        var loaded = OnetDatabase.Load(buffer);
        Assert.True(loaded.IsSuccess, loaded.Error?.ToString());
        Assert.Equal(OnetDatabase.BuiltIn.ToJsonText(), loaded.Value.ToJsonText());
    }

    [Theory]
    [InlineData("not brotli at all", "not Brotli-compressed")]
    public void Load_Garbage_ClearError(string content, string expected)
    {
        var result = OnetDatabase.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)));
        Assert.False(result.IsSuccess);
        Assert.Equal(TaxonomyErrors.InvalidTaxonomy, result.Error.Code);
        Assert.Contains(expected, result.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"format":"other"}""", "\"format\" must be")]
    [InlineData("""{"format":"openler-onet/1","format":"openler-onet/1"}""", "not valid JSON")]
    [InlineData("""{"format":""", "not valid JSON")]
    [InlineData("""[]""", "\"format\" must be")]
    [InlineData("""{"format":"openler-onet/1","release":"1","source":"s","elements":[],"occupations":[{"code":"x"}]}""", "occupations[0] must have")]
    [InlineData("""{"format":"openler-onet/1","release":"1","source":"s","elements":[{"id":"2.A.1.a","domain":"skill","name":"n","description":"d"}],"occupations":[{"code":"11-1011.00","title":"t","description":"","jobZone":null,"alternateTitles":[],"ratings":[[0,900,100]]}]}""", "ratings must hold")]
    [InlineData("""{"format":"openler-onet/1","release":"1","source":"s","elements":[{"id":"2.A.1.a","domain":"skill","name":"n","description":"d"}],"occupations":[{"code":"11-1011.00","title":"t","description":"","jobZone":9,"alternateTitles":[],"ratings":[]}]}""", "jobZone must be 1 to 5")]
    public void Load_WrongShape_ClearError(string json, string expected)
    {
        using var buffer = new MemoryStream();
        using (var brotli = new System.IO.Compression.BrotliStream(buffer, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            brotli.Write(System.Text.Encoding.UTF8.GetBytes(json));
        }

        buffer.Position = 0;
        var result = OnetDatabase.Load(buffer);
        Assert.False(result.IsSuccess);
        Assert.Contains(expected, result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCodes_GiveAClearErrorValue()
    {
        var occupation = OnetDatabase.BuiltIn.Occupation("99-9999.99");
        Assert.False(occupation.IsSuccess);
        Assert.Equal(TaxonomyErrors.UnknownCode, occupation.Error.Code);
        Assert.Contains("\"99-9999.99\" is not an O*NET-SOC occupation code", occupation.Error.Message, StringComparison.Ordinal);
        var element = OnetDatabase.BuiltIn.Element("2.Z.9.z");
        Assert.Equal(TaxonomyErrors.UnknownCode, element.Error!.Code);
        Assert.Contains("2.Z.9.z", element.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4.12, 1, 5, 78.00)]
    [InlineData(1, 1, 5, 0)]
    [InlineData(5, 1, 5, 100)]
    [InlineData(4.62, 0, 7, 66.00)]
    [InlineData(1, 0, 7, 14.29)]
    [InlineData(0.5, 0, 7, 7.14)]
    public void Standardize_IsTheOnetFormula(decimal value, decimal low, decimal high, decimal expected) =>
        Assert.Equal(expected, OnetScale.Standardize(value, low, high));
}
