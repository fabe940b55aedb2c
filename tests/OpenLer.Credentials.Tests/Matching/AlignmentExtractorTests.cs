using System.Text.Json.Nodes;
using OpenLer.Credentials.Encodings;
using OpenLer.Credentials.Matching;

namespace OpenLer.Credentials.Tests.Matching;

public sealed class AlignmentExtractorTests
{
    private static JsonObject Alignment(string? code = null, string? url = null)
    {
        var a = new JsonObject { ["type"] = new JsonArray("Alignment"), ["targetName"] = "x" };
        if (code is not null)
        {
            a["targetCode"] = code;
        }

        if (url is not null)
        {
            a["targetUrl"] = url;
        }

        return a;
    }

    private static JsonObject Credential(JsonNode subject) => new()
    {
        ["id"] = "urn:uuid:1",
        ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
        ["issuer"] = new JsonObject { ["id"] = "did:web:cbo.example", ["name"] = "CBO" },
        ["credentialSubject"] = subject,
    };

    private static JsonObject Subject(params JsonNode[] achievements) => new()
    {
        ["type"] = new JsonArray("AchievementSubject"),
        ["achievement"] = achievements.Length == 1 ? achievements[0] : new JsonArray(achievements),
    };

    private static JsonObject Achievement(JsonNode alignment) => new() { ["type"] = new JsonArray("Achievement"), ["alignment"] = alignment };

    [Fact]
    public void EveryAlignmentOfEveryAchievementCounts_NotOnlyTheFirst()
    {
        var credential = Credential(Subject(
            Achievement(new JsonArray(Alignment("35-2021.00"), Alignment("2.A.1.a"), Alignment("2.A.1.b"))),
            Achievement(Alignment(url: "https://www.onetonline.org/find/descriptor/result/2.B.1.f"))));
        var result = AlignmentExtractor.Extract(credential);
        Assert.Equal(["2.A.1.a", "2.A.1.b", "2.B.1.f"], result.SkillCodes);
        Assert.Equal("urn:uuid:1", result.CredentialId);
        Assert.Equal("did:web:cbo.example", result.IssuerId);
    }

    [Fact]
    public void SubjectArrays_AlignmentObjects_AndDuplicates()
    {
        var credential = Credential(new JsonArray(
            Subject(Achievement(Alignment("2.A.1.a"))),
            Subject(Achievement(new JsonArray(Alignment("2.A.1.a"), Alignment(url: "https://www.onetonline.org/find/descriptor/result/2.A.1.a"))))));
        Assert.Equal(["2.A.1.a"], AlignmentExtractor.Extract(credential).SkillCodes);
    }

    [Theory]
    [InlineData(null, "https://example.org/skills#2.C.1.e", "2.C.1.e")]
    [InlineData(null, "https://www.onetonline.org/find/descriptor/result/2.A.1.b/", "2.A.1.b")]
    [InlineData(null, "http://www.onetonline.org/find/descriptor/result/2.A.1.b", "2.A.1.b")]
    [InlineData(null, "https://www.onetonline.org/link/summary/35-2021.00", null)]
    [InlineData(null, "http://data.europa.eu/esco/skill/2.A.1.b-x", null)]
    [InlineData(null, "urn:onet:2.A.1.b", null)]
    [InlineData(null, "not a url 2.A.1.b", null)]
    [InlineData(" 2.A.1.b ", null, "2.A.1.b")]
    [InlineData("2.A.9.z", null, null)]
    [InlineData("2.a.1.b", null, null)]
    [InlineData("35-2021.00", "https://www.onetonline.org/link/summary/35-2021.00", null)]
    [InlineData("", "https://www.onetonline.org/find/descriptor/result/2.A.1.d", "2.A.1.d")]
    public void TargetCodeAndTargetUrl(string? code, string? url, string? expected) =>
        Assert.Equal(expected, AlignmentExtractor.CodeOf(Alignment(code, url)));

    [Fact]
    public void NonStringAndNonObjectValues_AreIgnored()
    {
        var credential = Credential(Subject(Achievement(new JsonArray(
            JsonValue.Create(42), "2.A.1.a", new JsonObject { ["targetCode"] = 5 }, new JsonObject { ["targetCode"] = new JsonArray("2.A.1.a") }, Alignment("2.A.1.c")))));
        Assert.Equal(["2.A.1.c"], AlignmentExtractor.Extract(credential).SkillCodes);
        Assert.Empty(AlignmentExtractor.Extract(new JsonObject { ["credentialSubject"] = "x" }).SkillCodes);
        Assert.Null(AlignmentExtractor.Extract(new JsonObject()).CredentialId);
    }

    [Fact]
    public void Clr_AchievementsAndNestedCredentials_ObjectsAndJwts()
    {
        var nestedObject = Credential(Subject(Achievement(Alignment("2.A.1.b"))));
        var jwtPayload = new JsonObject { ["vc"] = Credential(Subject(Achievement(Alignment("2.B.1.f")))) };
        var jwt = "eyJhbGciOiJFZERTQSJ9." + Base64Url.Encode(System.Text.Encoding.UTF8.GetBytes(jwtPayload.ToJsonString())) + ".c2ln";
        var clr = Credential(new JsonObject
        {
            ["type"] = new JsonArray("ClrSubject"),
            ["achievement"] = new JsonArray(Achievement(Alignment("2.A.1.a"))),
            ["verifiableCredential"] = new JsonArray(nestedObject, jwt, "garbage", 7),
        });
        clr["type"] = new JsonArray("VerifiableCredential", "ClrCredential");
        Assert.Equal(["2.A.1.a", "2.A.1.b", "2.B.1.f"], AlignmentExtractor.Extract(clr).SkillCodes);
    }

    [Fact]
    public void NestingDeeperThanTheVerifierFollows_IsIgnored()
    {
        JsonObject Wrap(JsonObject inner) => Credential(new JsonObject { ["verifiableCredential"] = inner });
        var deep = Wrap(Wrap(Wrap(Credential(Subject(Achievement(Alignment("2.A.1.a")))))));
        Assert.Empty(AlignmentExtractor.Extract(deep).SkillCodes);
        var allowed = Wrap(Wrap(Credential(Subject(Achievement(Alignment("2.A.1.a"))))));
        Assert.Equal(["2.A.1.a"], AlignmentExtractor.Extract(allowed).SkillCodes);
    }

    [Fact]
    public void ToEvidence_UsesTheFallbackIdWhenTheCredentialHasNone()
    {
        var alignments = new CredentialAlignments(null, "did:key:z", ["2.A.1.a"]);
        Assert.Equal(new CredentialEvidence("badge.png", "did:key:z", false, alignments.SkillCodes), alignments.ToEvidence(false, "badge.png"));
    }
}
