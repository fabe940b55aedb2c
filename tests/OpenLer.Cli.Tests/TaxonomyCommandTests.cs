using OpenLer.Credentials.Taxonomy;
using OpenLer.Credentials.Tests.Support;

namespace OpenLer.Cli.Tests;

public sealed class TaxonomyCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "openler-cli-tax-" + Guid.NewGuid().ToString("N"));

    public TaxonomyCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await OpenLerCli.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task ImportOnet_SharedDatabase_WritesATaxonomyLoadCanRead()
    {
        var onet = SharedFolder.SubfolderOrSkip("data/onet-text/db_29_2_text");
        var file = Path.Combine(_dir, "onet.json");
        var result = await Run("taxonomy", "import-onet", onet, "--out", file);
        Assert.True(result.Code == 0, result.Err);
        Assert.Contains("35 skills, 1016 occupations (879 with skill ratings) written to", result.Out, StringComparison.Ordinal);

        await using var stream = File.OpenRead(file);
        var loaded = SkillTaxonomy.Load(stream);
        Assert.True(loaded.IsSuccess, loaded.Error?.ToString());
        Assert.Equal(35, loaded.Value.Skills.Count);
        Assert.Equal(1016, loaded.Value.Occupations.Count);
        Assert.Equal("Janitors and Cleaners, Except Maids and Housekeeping Cleaners", loaded.Value.FindOccupation("37-2011.00")?.Title);
        Assert.Equal(SkillTaxonomy.BuiltIn.FindOccupation("37-2011.00")!.SkillCodes, loaded.Value.FindOccupation("37-2011.00")!.SkillCodes);
    }

    [Fact]
    public async Task ImportOnet_WithoutOut_WritesJsonToStandardOutput_AndHonoursTop()
    {
        var onet = SharedFolder.SubfolderOrSkip("data/onet-text/db_29_2_text");
        var result = await Run("taxonomy", "import-onet", onet, "--top", "3");
        Assert.True(result.Code == 0, result.Err);
        Assert.Contains("35 skills, 1016 occupations", result.Err, StringComparison.Ordinal);
        var loaded = SkillTaxonomy.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(result.Out)));
        Assert.True(loaded.IsSuccess, loaded.Error?.ToString());
        Assert.Equal(3, loaded.Value.FindOccupation("35-2021.00")!.SkillCodes.Count);
    }

    [Fact]
    public async Task ImportOnet_MalformedFolder_ClearErrorAndExitOne()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, OnetTextImporter.ContentModelFile), "not an O*NET file\n", TestContext.Current.CancellationToken);
        var result = await Run("taxonomy", "import-onet", _dir, "--out", Path.Combine(_dir, "out.json"));
        Assert.Equal(1, result.Code);
        Assert.Contains("O*NET import: Content Model Reference.txt line 1: the header has no \"Element ID\" column", result.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "out.json")));

        var missing = await Run("taxonomy", "import-onet", Path.Combine(_dir, "absent"));
        Assert.Equal(1, missing.Code);
        Assert.Contains("does not exist", missing.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportOnet_TopOutOfRange_UsageError()
    {
        var result = await Run("taxonomy", "import-onet", _dir, "--top", "0");
        Assert.NotEqual(0, result.Code);
        Assert.Contains("--top must be from 1 to 35", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportOnet_ReportsKnowledgeAlternateTitlesAndJobZones()
    {
        var onet = SharedFolder.SubfolderOrSkip("data/onet-text/db_29_2_text");
        var result = await Run("taxonomy", "import-onet", onet, "--out", Path.Combine(_dir, "t.json"));
        Assert.True(result.Code == 0, result.Err);
        Assert.Contains("also read 33 knowledge areas, 60000 alternate titles, 923 occupations with a Job Zone, 59754 skill and knowledge ratings", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildOnet_WritesTheTableTheLibraryEmbeds()
    {
        var onet = SharedFolder.SubfolderOrSkip("data/onet-text/db_29_2_text");
        var file = Path.Combine(_dir, "onet.json.br");
        var result = await Run("taxonomy", "build-onet", onet, file);
        Assert.True(result.Code == 0, result.Err);
        Assert.Contains("O*NET 29.2: 33 knowledge areas", result.Out, StringComparison.Ordinal);
        await using var stream = File.OpenRead(file);
        var loaded = OnetDatabase.Load(stream);
        Assert.True(loaded.IsSuccess, loaded.Error?.ToString());
        Assert.Equal(OnetDatabase.BuiltIn.ToJsonText(), loaded.Value.ToJsonText());
        Assert.False(File.Exists(file + ".tmp"));
    }

    [Fact]
    public async Task BuildOnet_MissingFile_ExitOne_NothingWritten()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, OnetTextImporter.ContentModelFile), "Element ID\tElement Name\tDescription\n", TestContext.Current.CancellationToken);
        var file = Path.Combine(_dir, "out.br");
        var result = await Run("taxonomy", "build-onet", _dir, file);
        Assert.Equal(1, result.Code);
        Assert.Contains("Occupation Data.txt not found", result.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task SearchAndPropose_UseTheEmbeddedTable()
    {
        var search = await Run("taxonomy", "search", "Cafe Cook", "--limit", "3");
        Assert.Equal(0, search.Code);
        var lines = search.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.InRange(lines.Length, 1, 3);
        Assert.Contains("\"code\":", lines[0], StringComparison.Ordinal);

        var propose = await Run("taxonomy", "propose", "31-1131.00");
        Assert.Equal(0, propose.Code);
        Assert.StartsWith("{\"code\":\"2.B.1.f\",\"name\":\"Service Orientation\",\"importance\":4", propose.Out, StringComparison.Ordinal);
        Assert.Contains("\"suggested\":\"must-have\"", propose.Out, StringComparison.Ordinal);

        var unknown = await Run("taxonomy", "propose", "99-9999.99");
        Assert.Equal(1, unknown.Code);
        Assert.Contains("is not an O*NET-SOC occupation code", unknown.Err, StringComparison.Ordinal);
    }
}
