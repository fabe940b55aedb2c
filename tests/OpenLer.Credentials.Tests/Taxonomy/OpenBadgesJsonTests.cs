using System.Text.Json.Nodes;
using OpenLer.Credentials.JsonLd;
using OpenLer.Credentials.OpenBadges;
using OpenLer.Credentials.Taxonomy;
using OpenLer.Credentials.Tests.Support;

namespace OpenLer.Credentials.Tests.Taxonomy;

public class OpenBadgesJsonTests
{
    private const string Vocab = "https://purl.imsglobal.org/spec/vc/ob/vocab.html#";
    private const string DescriptionId = "urn:uuid:5b1f3c2e-8a0d-4b6e-9f57-2d1c0e7a9b44";

    private static readonly JsonLdProcessor Processor = new(ContextDocumentLoader.Default);

    [Fact]
    public void SkillAlignment_HasTheOb3Fields()
    {
        var alignment = OpenBadgesAlignment.For(SkillTaxonomy.BuiltIn.FindSkill("2.A.1.b")!);
        Assert.Equal("Alignment", (string?)alignment["type"]![0]);
        Assert.Equal("Active Listening", (string?)alignment["targetName"]);
        Assert.Equal("https://www.onetonline.org/find/descriptor/result/2.A.1.b", (string?)alignment["targetUrl"]);
        Assert.Equal("2.A.1.b", (string?)alignment["targetCode"]);
        Assert.Equal("O*NET", (string?)alignment["targetFramework"]);
        Assert.Equal("ceasn:Competency", (string?)alignment["targetType"]);
        Assert.Equal(SkillTaxonomy.BuiltIn.FindSkill("2.A.1.b")!.Description, (string?)alignment["targetDescription"]);
    }

    [Fact]
    public void OccupationAlignment_HasTheOb3Fields()
    {
        var alignment = OpenBadgesAlignment.For(SkillTaxonomy.BuiltIn.FindOccupation("53-7062.00")!);
        Assert.Equal("https://www.onetonline.org/link/summary/53-7062.00", (string?)alignment["targetUrl"]);
        Assert.Equal("Laborers and Freight, Stock, and Material Movers, Hand", (string?)alignment["targetName"]);
        Assert.Equal("ext:Occupation", (string?)alignment["targetType"]);
    }

    /// <summary>targetType and resultType are values the OB 3.0 JSON Schema (AchievementCredential) allows.</summary>
    [Fact]
    public void TargetTypesAndResultType_AreAllowedByTheOb3Schema()
    {
        var schemaFile = Path.Combine(SharedFolder.SubfolderOrSkip("vectors/openbadges/ob_v3p0/schema"), "achievementcredential.json");
        var defs = JsonNode.Parse(File.ReadAllText(schemaFile))!["$defs"]!;
        var skill = OpenBadgesAlignment.For(SkillTaxonomy.BuiltIn.Skills[0]);
        var occupation = OpenBadgesAlignment.For(SkillTaxonomy.BuiltIn.Occupations[0]);
        var description = CefrScale.ResultDescription(DescriptionId, "English");
        Assert.True(Allowed(defs["Alignment"]!["properties"]!["targetType"]!, (string)skill["targetType"]!));
        Assert.True(Allowed(defs["Alignment"]!["properties"]!["targetType"]!, (string)occupation["targetType"]!));
        Assert.True(Allowed(defs["ResultDescription"]!["properties"]!["resultType"]!, (string)description["resultType"]!));
        Assert.False(Allowed(defs["Alignment"]!["properties"]!["targetType"]!, "ceterms:Skill"));

        // The schema's oneOf: a value of the enum, or a string matching the extension pattern.
        static bool Allowed(JsonNode property, string value) => property["oneOf"]!.AsArray().Any(option =>
            option!["enum"] is JsonArray values
                ? values.Any(v => (string?)v == value)
                : System.Text.RegularExpressions.Regex.IsMatch(value, (string)option["pattern"]!));
    }

    [Fact]
    public void Cefr_LevelsA1ToC2_ResultNamesTheLevel()
    {
        Assert.Equal(["A1", "A2", "B1", "B2", "C1", "C2"], CefrScale.Levels.Select(l => l.Code));
        Assert.Equal("B1", CefrScale.Find(" b1 ")?.Code);
        Assert.Null(CefrScale.Find("B3"));

        var description = CefrScale.ResultDescription(DescriptionId, "English speaking (CEFR)");
        Assert.Equal("RubricCriterionLevel", (string?)description["resultType"]);
        Assert.Equal(6, description["rubricCriterionLevel"]!.AsArray().Count);
        var result = CefrScale.Result(DescriptionId, "b2");
        Assert.True(result.IsSuccess);
        Assert.Equal(DescriptionId + "#B2", (string?)result.Value["achievedLevel"]);
        Assert.Contains(description["rubricCriterionLevel"]!.AsArray(), l => (string?)l!["id"] == (string?)result.Value["achievedLevel"]);
        Assert.Equal("B2", (string?)result.Value["value"]);
    }

    [Fact]
    public void Cefr_UnknownLevel_ClearError()
    {
        var result = CefrScale.Result(DescriptionId, "Fluent");
        Assert.False(result.IsSuccess);
        Assert.Contains("is not a CEFR level", result.Error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => CefrScale.ResultDescription(DescriptionId + "#x", "English"));
    }

    /// <summary>Every property the helpers write is defined by the OB 3.0 context: safe-mode expansion loses nothing.</summary>
    [Fact]
    public void AlignmentsAndCefrResult_ExpandInSafeMode_InAnOpenBadgeCredential()
    {
        var credential = TestCredentials.OpenBadge("did:example:issuer");
        var subject = credential["credentialSubject"]!.AsObject();
        var achievement = subject["achievement"]!.AsObject();
        var taxonomy = SkillTaxonomy.BuiltIn;
        var occupation = taxonomy.FindOccupation("35-2021.00")!;
        achievement["alignment"] = new JsonArray([.. taxonomy.SkillsOf(occupation).Select(s => (JsonNode)OpenBadgesAlignment.For(s)), OpenBadgesAlignment.For(occupation)]);
        achievement["resultDescription"] = new JsonArray(CefrScale.ResultDescription(DescriptionId, "English speaking (CEFR)"));
        subject["result"] = new JsonArray(CefrScale.Result(DescriptionId, "A2").Value);

        var expanded = Processor.Expand(credential, JsonLdOptions.Credential, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(expanded.IsSuccess, expanded.Error?.ToString());
        var text = expanded.Value.ToJsonString();
        Assert.Contains(Vocab + "targetType", text, StringComparison.Ordinal);
        Assert.Contains(Vocab + "targetCode", text, StringComparison.Ordinal);
        Assert.Contains("https://schema.org/targetUrl", text, StringComparison.Ordinal);
        Assert.Contains("https://www.onetonline.org/link/summary/35-2021.00", text, StringComparison.Ordinal);
        Assert.Contains(Vocab + "RubricCriterionLevel", text, StringComparison.Ordinal);
        Assert.Contains(Vocab + "achievedLevel", text, StringComparison.Ordinal);
        Assert.Contains(DescriptionId + "#A2", text, StringComparison.Ordinal);

        var rdf = Processor.ToRdf(credential, JsonLdOptions.Credential, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(rdf.IsSuccess, rdf.Error?.ToString());
    }

    [Fact]
    public void SafeMode_WouldCatchAnUndefinedProperty()
    {
        var credential = TestCredentials.OpenBadge("did:example:issuer");
        var alignment = OpenBadgesAlignment.For(SkillTaxonomy.BuiltIn.Skills[0]);
        alignment["targetLevel"] = "high";
        credential["credentialSubject"]!["achievement"]!["alignment"] = new JsonArray(alignment);
        var expanded = Processor.Expand(credential, JsonLdOptions.Credential, cancellationToken: TestContext.Current.CancellationToken);
        Assert.False(expanded.IsSuccess);
    }
}
