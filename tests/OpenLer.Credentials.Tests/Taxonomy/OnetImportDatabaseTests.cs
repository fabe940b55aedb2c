using OpenLer.Credentials.Taxonomy;

namespace OpenLer.Credentials.Tests.Taxonomy;

/// <summary><see cref="OnetTextImporter.ImportDatabase"/> on small hand-made O*NET folders.</summary>
public sealed class OnetImportDatabaseTests : IDisposable
{
    private const string Header = "O*NET-SOC Code\tElement ID\tElement Name\tScale ID\tData Value\tN\tStandard Error\tLower CI Bound\tUpper CI Bound\tRecommend Suppress\tNot Relevant\tDate\tDomain Source\n";

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "openler-onetdb-" + Guid.NewGuid().ToString("N"), "db_30_1_text");

    public OnetImportDatabaseTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_dir)!, recursive: true);

    private static string Row(string occupation, string element, string scale, string value, string suppress = "N", string notRelevant = "n/a") =>
        $"{occupation}\t{element}\tName\t{scale}\t{value}\t8\t0.1\t1\t2\t{suppress}\t{notRelevant}\t08/2023\tAnalyst\n";

    private void Write(Dictionary<string, string>? replace = null)
    {
        var files = new Dictionary<string, string>
        {
            [OnetTextImporter.ContentModelFile] = "Element ID\tElement Name\tDescription\n2.A.1.a\tReading\tReads.\n2.A.1.b\tListening\tListens.\n2.C.1.e\tCustomer Service\tServes.\n2.C.10\tTransportation\tMoves.",
            [OnetTextImporter.OccupationFile] = "O*NET-SOC Code\tTitle\tDescription\n11-1111.00\tCafé Cook\tCooks.\n22-2222.00\tNurse Aide\tCares.",
            [OnetTextImporter.AlternateTitlesFile] = "O*NET-SOC Code\tAlternate Title\tShort Title\tSource(s)\n11-1111.00\tLine Cook\tn/a\t08\n11-1111.00\tLine Cook\tLC\t10",
            [OnetTextImporter.JobZonesFile] = "O*NET-SOC Code\tJob Zone\tDate\tDomain Source\n11-1111.00\t2\t08/2023\tAnalyst",
            [OnetTextImporter.SkillsFile] = Header + Row("11-1111.00", "2.A.1.a", "IM", "3.50") + Row("11-1111.00", "2.A.1.a", "LV", "4.00", notRelevant: "N")
                + Row("11-1111.00", "2.A.1.b", "IM", "2.00", suppress: "Y") + Row("11-1111.00", "2.A.1.b", "LV", "1.00", notRelevant: "Y"),
            [OnetTextImporter.KnowledgeFile] = Header + Row("11-1111.00", "2.C.10", "IM", "4.00") + Row("11-1111.00", "2.C.10", "LV", "2.50", notRelevant: "Y"),
        };
        foreach (var (name, text) in replace ?? [])
        {
            files[name] = text;
        }

        foreach (var (name, text) in files)
        {
            File.WriteAllText(Path.Combine(_dir, name), text);
        }
    }

    [Fact]
    public void ImportDatabase_ReadsEveryFile()
    {
        Write();
        var result = OnetTextImporter.ImportDatabase(_dir);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        var db = result.Value;
        Assert.Equal("30.1", db.Release);
        // Only rated elements are kept, in content model order.
        Assert.Equal(["2.A.1.a", "2.A.1.b", "2.C.10"], db.Elements.Select(e => e.Id));
        var cook = db.FindOccupation("11-1111.00")!;
        Assert.Equal(2, cook.JobZone);
        Assert.Equal(["Line Cook", "LC"], cook.AlternateTitles);
        Assert.Equal(new OnetRating("2.A.1.a", 3.50m, 4.00m), cook.Ratings[0]);
        // Suppressed importance and not-relevant level both dropped: the element is left out for this occupation.
        Assert.DoesNotContain(cook.Ratings, r => r.ElementId == "2.A.1.b");
        Assert.Equal(new OnetRating("2.C.10", 4.00m, null), cook.Ratings[1]);
        var aide = db.FindOccupation("22-2222.00")!;
        Assert.Null(aide.JobZone);
        Assert.Empty(aide.Ratings);
        Assert.Empty(aide.AlternateTitles);
    }

    [Theory]
    [InlineData(OnetTextImporter.AlternateTitlesFile)]
    [InlineData(OnetTextImporter.KnowledgeFile)]
    [InlineData(OnetTextImporter.JobZonesFile)]
    public void ImportDatabase_MissingFile_NamesIt(string file)
    {
        Write();
        File.Delete(Path.Combine(_dir, file));
        var result = OnetTextImporter.ImportDatabase(_dir);
        Assert.Equal(TaxonomyErrors.MissingFile, result.Error!.Code);
        Assert.Contains(file + " not found", result.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OnetTextImporter.JobZonesFile, "O*NET-SOC Code\tJob Zone\n11-1111.00\t7", "Job Zones.txt line 2: Job Zone \"7\" is not a number from 1 to 5")]
    [InlineData(OnetTextImporter.JobZonesFile, "O*NET-SOC Code\tJob Zone\n11-1111.00\t1\n11-1111.00\t2", "line 3: occupation 11-1111.00 has a second Job Zone")]
    [InlineData(OnetTextImporter.AlternateTitlesFile, "O*NET-SOC Code\tAlternate Title\tShort Title\n99-9999.00\tX\tn/a", "occupation 99-9999.00 is not in Occupation Data.txt")]
    [InlineData(OnetTextImporter.KnowledgeFile, Header + "11-1111.00\t2.C.10\tN\tLV\t7.50\t8\t0.1\t1\t2\tN\tN\t08/2023\tA\n", "Knowledge.txt line 2: level \"7.50\" is not a number from 0 to 7")]
    [InlineData(OnetTextImporter.KnowledgeFile, Header + "11-1111.00\t2.A.1.a\tN\tIM\t3.00\t8\t0.1\t1\t2\tN\tn/a\t08/2023\tA\n", "element 2.A.1.a is not a knowledge element")]
    [InlineData(OnetTextImporter.SkillsFile, Header + "11-1111.00\t2.A.1.a\tN\tXX\t3.00\t8\t0.1\t1\t2\tN\tn/a\t08/2023\tA\n", "scale \"XX\" is not IM or LV")]
    [InlineData(OnetTextImporter.SkillsFile, Header + "11-1111.00\t2.A.1.a\tN\tIM\t3.00\t8\t0.1\t1\t2\tN\tn/a\t08/2023\tA\n11-1111.00\t2.A.1.a\tN\tIM\t3.00\t8\t0.1\t1\t2\tN\tn/a\t08/2023\tA\n", "rates 2.A.1.a on IM twice")]
    public void ImportDatabase_MalformedRows_NameFileAndLine(string file, string text, string expected)
    {
        Write(new() { [file] = text });
        var result = OnetTextImporter.ImportDatabase(_dir);
        Assert.False(result.IsSuccess);
        Assert.Equal(TaxonomyErrors.MalformedFile, result.Error.Code);
        Assert.Contains(expected, result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportDatabase_ToTaxonomy_MatchesTheThreeFileImport()
    {
        var directory = OnetData.DirectoryOrSkip();
        var full = OnetTextImporter.ImportDatabase(directory).Then(db => OnetTextImporter.ToTaxonomy(db, "db_29_2_text"));
        var classic = OnetTextImporter.Import(directory);
        Assert.True(full.IsSuccess && classic.IsSuccess);
        Assert.Equal(classic.Value.ToJson().ToJsonString(), full.Value.ToJson().ToJsonString());
    }
}
