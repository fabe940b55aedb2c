using System.Security.Cryptography;
using System.Text.Json.Nodes;
using OpenLer.Cli.Tests.Support;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.Status;

namespace OpenLer.Cli.Tests;

/// <summary>
/// <c>openler match</c> on real credentials: Open Badges 3.0, signed eddsa-rdfc-2022 by did:key issuers, with skill
/// alignments and Bitstring Status List entries; one revoked, one expired, one tampered, one from an untrusted issuer.
/// </summary>
public sealed class MatchCommandTests : CliTestBase
{
    private const string ListUrl = "https://cbo.example/status/revocation/1";
    private const string Now = "2026-06-01T00:00:00Z";
    private const string Reading = "2.A.1.a";
    private const string Listening = "2.A.1.b";
    private const string Service = "2.B.1.f";

    private static readonly DateTimeOffset Issued = new(2026, 1, 15, 0, 0, 0, TimeSpan.Zero);

    private readonly KeyPair _cbo = KeyPair.Generate(KeyType.Ed25519);
    private readonly KeyPair _stranger = KeyPair.Generate(KeyType.Ed25519);
    private readonly StatusListState _list = new(ListUrl, StatusPurpose.Revocation, RandomNumberGenerator.Create());

    private string Cbo => _cbo.PublicKey.ToDidKey();

    private static JsonObject Alignment(string code, bool byUrl) => byUrl
        ? new JsonObject { ["type"] = new JsonArray("Alignment"), ["targetName"] = code, ["targetUrl"] = "https://www.onetonline.org/find/descriptor/result/" + code, ["targetFramework"] = "O*NET" }
        : new JsonObject { ["type"] = new JsonArray("Alignment"), ["targetName"] = code, ["targetCode"] = code, ["targetFramework"] = "O*NET", ["targetType"] = "ceasn:Competency" };

    /// <summary>An OB 3.0 credential aligned to the skills (the first by targetCode, the others by targetUrl), with an occupation alignment first.</summary>
    private JsonObject Badge(KeyPair key, string id, string[] skills, string? validUntil = null, int? statusIndex = null)
    {
        var issuer = key.PublicKey.ToDidKey();
        var alignments = new JsonArray(new JsonObject
        {
            ["type"] = new JsonArray("Alignment"), ["targetName"] = "Nursing Assistants", ["targetCode"] = "31-1131.00",
            ["targetUrl"] = "https://www.onetonline.org/link/summary/31-1131.00", ["targetType"] = "ext:Occupation",
        });
        foreach (var (code, i) in skills.Select((c, i) => (c, i)))
        {
            alignments.Add(Alignment(code, byUrl: i > 0));
        }

        var credential = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"),
            ["id"] = id,
            ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
            ["name"] = "Care Work Readiness",
            ["issuer"] = new JsonObject { ["id"] = issuer, ["type"] = new JsonArray("Profile"), ["name"] = "Community Organization" },
            ["validFrom"] = "2026-01-15T00:00:00Z",
            ["credentialSubject"] = new JsonObject
            {
                ["id"] = "did:example:learner",
                ["type"] = new JsonArray("AchievementSubject"),
                ["achievement"] = new JsonObject
                {
                    ["id"] = "https://cbo.example/achievements/care",
                    ["type"] = new JsonArray("Achievement"),
                    ["name"] = "Care Work Readiness",
                    ["description"] = "Completed the care work readiness program.",
                    ["criteria"] = new JsonObject { ["narrative"] = "Attended and passed." },
                    ["alignment"] = alignments,
                },
            },
        };
        if (validUntil is not null)
        {
            credential["validUntil"] = validUntil;
        }

        if (statusIndex is { } index)
        {
            credential["credentialStatus"] = _list.CreateEntry(index);
        }

        return new DataIntegritySigner(Cryptosuites.Default, TimeProvider.System).Sign(credential, key, new ProofOptions
        {
            Cryptosuite = "eddsa-rdfc-2022",
            VerificationMethod = issuer + "#" + key.PublicKey.ToMultibase(),
            Created = Issued,
        }).Value;
    }

    private int Allocate()
    {
        Assert.True(_list.TryAllocate(out var index));
        return index;
    }

    private void Save(string applicant, string file, string text)
    {
        Directory.CreateDirectory(F(Path.Combine("applicants", applicant)));
        File.WriteAllText(F(Path.Combine("applicants", applicant, file)), text);
    }

    private void Save(string applicant, string file, JsonObject credential) => Save(applicant, file, credential.ToJsonString());

    private void PublishList()
    {
        var clock = new FixedTimeProvider(new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero));
        var list = new StatusListCredentialBuilder(new DataIntegritySigner(Cryptosuites.Default, clock), clock)
            .BuildSigned(_list, Cbo, _cbo, Cbo + "#" + _cbo.PublicKey.ToMultibase()).Value;
        File.WriteAllText(F("list.json"), list.ToJsonString());
    }

    private void WriteVacancy(string json) => File.WriteAllText(F("vacancy.json"), json);

    private const string StandardVacancy = """
        {"skills":[{"code":"2.A.1.a","weight":3,"mustHave":true},{"code":"2.A.1.b","weight":2},{"code":"2.B.1.f","weight":1,"mustHave":false}]}
        """;

    private Task<(int Code, string Out, string Err)> Match(params string[] extra) =>
        Run(["match", F("vacancy.json"), F("applicants"), "--trust", Cbo, "--url", ListUrl + "=" + F("list.json"), "--now", Now, .. extra]);

    [Fact]
    public async Task RanksRealCredentials_RevokedExpiredTamperedUntrustedCountZero_GarbageReported()
    {
        WriteVacancy(StandardVacancy);
        Save("amina", "care.json", Badge(_cbo, "urn:uuid:amina-care", [Reading, Listening], statusIndex: Allocate()));
        Save("amina", "self-reported.json", """{"skills":["2.B.1.f","2.B.5.a"]}""");

        var revokedIndex = Allocate();
        Save("bo", "revoked.json", Badge(_cbo, "urn:uuid:bo-care", [Reading, Listening, Service], statusIndex: revokedIndex));
        Assert.True(_list.SetStatus(revokedIndex, true));

        Save("cy", "expired.json", Badge(_cbo, "urn:uuid:cy-care", [Reading, Listening, Service], validUntil: "2026-05-01T00:00:00Z", statusIndex: Allocate()));
        Save("cy", "self-reported.json", """{"skills":["2.A.1.a","99-nonsense"]}""");

        var tampered = Badge(_cbo, "urn:uuid:dee-care", [Reading], statusIndex: Allocate());
        tampered["credentialSubject"]!["achievement"]!["alignment"]!.AsArray().Add(Alignment(Listening, byUrl: false));
        Save("dee", "tampered.json", tampered);
        Save("dee", "notes.txt", "this is not a credential");
        Save("dee", "binary.bin", "\u0000\u0001garbage\u00ff");

        Save("eve", "untrusted.json", Badge(_stranger, "urn:uuid:eve-care", [Reading, Listening, Service]));

        Save("fay", "two.json", Badge(_cbo, "urn:uuid:fay-1", [Reading, Service], statusIndex: Allocate()));
        Save("fay", "three.json", Badge(_cbo, "urn:uuid:fay-2", [Reading], statusIndex: Allocate()));
        Directory.CreateDirectory(F("applicants/empty"));
        PublishList();

        var result = await Match();
        Assert.True(result.Code == 1, result.Err);
        var ranked = JsonNode.Parse(result.Out)!.AsArray();
        Assert.Equal(["amina", "fay", "cy", "bo", "dee", "empty", "eve"], ranked.Select(r => (string)r!["applicant"]!));

        var amina = ranked[0]!;
        // (3 × 1 + 2 × 1 + 1 × 0.5) / 6 = 91.666… → 91.7
        Assert.Equal(91.7m, (decimal)amina["score"]!);
        Assert.True((bool)amina["mustHaveMet"]!);
        Assert.Equal("""[{"code":"2.A.1.a","evidence":"verified","credentials":["urn:uuid:amina-care"]},{"code":"2.A.1.b","evidence":"verified","credentials":["urn:uuid:amina-care"]},{"code":"2.B.1.f","evidence":"self-reported","credentials":[]}]""",
            amina["skills"]!.ToJsonString());

        var fay = ranked[1]!;
        Assert.Equal(66.7m, (decimal)fay["score"]!);
        // Files are read in name order: three.json, then two.json.
        Assert.Equal(["urn:uuid:fay-2", "urn:uuid:fay-1"], fay["skills"]![0]!["credentials"]!.AsArray().Select(c => (string)c!));

        var cy = ranked[2]!;
        Assert.Equal(25m, (decimal)cy["score"]!);
        Assert.True((bool)cy["mustHaveMet"]!);
        Assert.Equal("self-reported", (string)cy["skills"]![0]!["evidence"]!);

        foreach (var name in new[] { "bo", "dee", "empty", "eve" })
        {
            var entry = ranked.Single(r => (string)r!["applicant"]! == name)!;
            Assert.Equal(0m, (decimal)entry["score"]!);
            Assert.False((bool)entry["mustHaveMet"]!);
            Assert.All(entry["skills"]!.AsArray(), s => Assert.Equal("missing", (string)s!["evidence"]!));
        }

        Assert.Contains("bo/revoked.json: not verified (status", result.Err, StringComparison.Ordinal);
        Assert.Contains("cy/expired.json: not verified (validity", result.Err, StringComparison.Ordinal);
        Assert.Contains("dee/tampered.json: not verified (proof", result.Err, StringComparison.Ordinal);
        Assert.Contains("eve/untrusted.json: not verified (issuer-trust: UNTRUSTED_ISSUER_ERROR", result.Err, StringComparison.Ordinal);
        Assert.Contains("dee/notes.txt: unreadable", result.Err, StringComparison.Ordinal);
        Assert.Contains("dee/binary.bin: unreadable", result.Err, StringComparison.Ordinal);
        Assert.Contains("cy/self-reported.json: \"99-nonsense\" is not an O*NET skill", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("amina/", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllReadable_ExitZero_AndWithoutTrust_NothingCountsAsVerified()
    {
        WriteVacancy(StandardVacancy);
        Save("amina", "care.json", Badge(_cbo, "urn:uuid:amina-care", [Reading, Listening], statusIndex: Allocate()));
        PublishList();
        var trusted = await Match();
        Assert.True(trusted.Code == 0, trusted.Err);
        Assert.Equal(83.3m, (decimal)JsonNode.Parse(trusted.Out)![0]!["score"]!);

        var untrusted = await Run("match", F("vacancy.json"), F("applicants"), "--url", ListUrl + "=" + F("list.json"), "--now", Now);
        Assert.Equal(0, untrusted.Code);
        Assert.Contains("No --trust issuer named", untrusted.Err, StringComparison.Ordinal);
        Assert.Equal(0m, (decimal)JsonNode.Parse(untrusted.Out)![0]!["score"]!);
    }

    [Fact]
    public async Task MissingStatusList_CouldNotCheck_CountsZero()
    {
        WriteVacancy(StandardVacancy);
        Save("amina", "care.json", Badge(_cbo, "urn:uuid:amina-care", [Reading], statusIndex: Allocate()));
        var result = await Run("match", F("vacancy.json"), F("applicants"), "--trust", Cbo, "--now", Now);
        Assert.Equal(0, result.Code);
        Assert.Equal(0m, (decimal)JsonNode.Parse(result.Out)![0]!["score"]!);
        Assert.Contains("amina/care.json: not verified (status", result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"skills":[{"code":"99-9999.00","weight":3,"mustHave":true}]}""", "skills[0]: \"99-9999.00\" is not an O*NET skill or knowledge element ID")]
    [InlineData("""{"skills":[{"code":"2.Z.1.a","weight":1}]}""", "\"2.Z.1.a\" is not an O*NET skill or knowledge element ID")]
    [InlineData("""{"skills":[]}""", "The vacancy has no skills")]
    [InlineData("""{}""", "\"skills\" must be an array")]
    [InlineData("""{"skills":[{"code":"2.A.1.a","weight":4}]}""", "skills[0] (2.A.1.a): the weight must be 1 (nice-to-have), 2 (important) or 3 (must-have), not 4")]
    [InlineData("""{"skills":[{"code":"2.A.1.a","weight":0}]}""", "not 0")]
    [InlineData("""{"skills":[{"code":"2.A.1.a","weight":2.5}]}""", "\"weight\" must be the integer 1")]
    [InlineData("""{"skills":[{"code":"2.A.1.a","weight":"3"}]}""", "\"weight\" must be the integer 1")]
    [InlineData("""{"skills":[{"code":"2.A.1.a","weight":2,"mustHave":true}]}""", "a must-have skill has weight 3, not 2")]
    [InlineData("""{"skills":[{"code":"2.A.1.a","weight":3,"mustHave":"yes"}]}""", "\"mustHave\" must be true or false")]
    [InlineData("""{"skills":[{"code":"2.A.1.a","weight":1},{"code":"2.A.1.a","weight":2}]}""", "2.A.1.a is listed twice")]
    [InlineData("""[1,2]""", "not a JSON object")]
    [InlineData("""{"skills":""", "not a JSON object")]
    public async Task BadVacancy_ClearMessage_ExitTwo_NothingPrinted(string vacancy, string expected)
    {
        WriteVacancy(vacancy);
        Directory.CreateDirectory(F("applicants"));
        var result = await Match();
        Assert.Equal(2, result.Code);
        Assert.Contains("vacancy.json: ", result.Err, StringComparison.Ordinal);
        Assert.Contains(expected, result.Err, StringComparison.Ordinal);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task MissingFolderOrFile_BadNow_ExitTwo()
    {
        WriteVacancy(StandardVacancy);
        var missing = await Run("match", F("vacancy.json"), F("nowhere"));
        Assert.Equal(2, missing.Code);
        Assert.Contains("Applicants folder not found", missing.Err, StringComparison.Ordinal);

        var noVacancy = await Run("match", F("none.json"), Dir);
        Assert.Equal(2, noVacancy.Code);
        Assert.Contains("Vacancy file not found", noVacancy.Err, StringComparison.Ordinal);

        var badNow = await Run("match", F("vacancy.json"), Dir, "--now", "next tuesday");
        Assert.Equal(2, badNow.Code);
        Assert.Contains("--now must be an ISO 8601 instant", badNow.Err, StringComparison.Ordinal);

        var badUrl = await Run("match", F("vacancy.json"), Dir, "--url", "https://x.example/list=" + F("absent.json"));
        Assert.Equal(2, badUrl.Code);
    }

    [Fact]
    public async Task Help_ListsTheMatchCommand()
    {
        var help = await Run("--help");
        Assert.Contains("match", help.Out, StringComparison.Ordinal);
        var matchHelp = await Run("match", "--help");
        Assert.Contains("--trust", matchHelp.Out, StringComparison.Ordinal);
        Assert.Contains("--now", matchHelp.Out, StringComparison.Ordinal);
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
