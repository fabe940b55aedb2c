using OpenLer.Credentials.Common;
using OpenLer.Credentials.Json;

namespace OpenLer.Credentials.Tests.Json;

public class StrictJsonTests
{
    [Theory]
    [InlineData("""{"issuer":"did:web:rescue.example","issuer":"did:key:attacker"}""")]
    [InlineData("""{"a":{"issuer":"x","issuer":"y"}}""")]
    public void Parse_DuplicateKeys_Refused(string json) =>
        Assert.Equal(ErrorCodes.DuplicateJsonKey, StrictJson.Parse(json).Error!.Code);

    [Fact]
    public void Parse_OverSizeLimit_Refused()
    {
        var json = "{\"a\":\"" + new string('x', 2000) + "\"}";
        Assert.Equal(ErrorCodes.DocumentTooLarge, StrictJson.Parse(json, new JsonLimits { MaxBytes = 1000 }).Error!.Code);
    }

    [Fact]
    public void Parse_DeeperThanLimit_Refused()
    {
        var json = new string('[', 10_000) + new string(']', 10_000);
        Assert.Equal(ErrorCodes.DocumentTooDeep, StrictJson.Parse(json).Error!.Code);
    }

    [Fact]
    public void Parse_AtDepthLimit_Accepted()
    {
        var depth = JsonLimits.DefaultMaxDepth;
        var json = new string('[', depth) + new string(']', depth);
        Assert.True(StrictJson.Parse(json).IsSuccess);
    }

    [Theory]
    [InlineData("""{"n":1e999999}""", ErrorCodes.InvalidNumber)]
    [InlineData("""{"s":"\ud800"}""", ErrorCodes.JsonParse)]
    [InlineData("""{"a":1,}""", ErrorCodes.JsonParse)]
    [InlineData("""{"a":1} // x""", ErrorCodes.JsonParse)]
    public void Parse_HostileInput_Refused(string json, string code) =>
        Assert.Equal(code, StrictJson.Parse(json).Error!.Code);

    [Fact]
    public void Parse_ByteOrderMark_Refused() =>
        Assert.Equal(ErrorCodes.JsonParse, StrictJson.Parse([0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}']).Error!.Code);

    private static string Array(int members, string member = "0") => "[" + string.Join(",", Enumerable.Repeat(member, members)) + "]";

    [Fact]
    public void Check_NodeLimit_BoundaryPassesAndOneMoreIsRefused()
    {
        // {"a":[0,0,...]}: the object, the array and its members are values; member names are not.
        var limits = new JsonLimits { MaxNodes = 100 };
        Assert.Null(StrictJson.Check("{\"a\":" + Array(98) + "}", limits));
        var refused = StrictJson.Check("{\"a\":" + Array(99) + "}", limits);
        Assert.Equal(ErrorCodes.DocumentTooManyNodes, refused!.Code);
        Assert.Equal(ErrorCodes.DocumentTooManyNodes, StrictJson.Parse("{\"a\":" + Array(99) + "}", limits).Error!.Code);
    }

    [Fact]
    public void Check_ArrayLength_CountsEachArrayOnItsOwn()
    {
        var limits = new JsonLimits { MaxArrayLength = 50 };
        Assert.Null(StrictJson.Check(Array(50, Array(50)), limits));
        Assert.Equal(ErrorCodes.ArrayTooLong, StrictJson.Check(Array(51), limits)!.Code);
        Assert.Equal(ErrorCodes.ArrayTooLong, StrictJson.Check(Array(2, Array(51)), limits)!.Code);
        Assert.Equal(ErrorCodes.ArrayTooLong, StrictJson.Check("{\"evidence\":" + Array(51, "{\"id\":\"x\"}") + "}", limits)!.Code);

        // Object members are not array members.
        var wide = "{" + string.Join(",", Enumerable.Range(0, 60).Select(i => $"\"k{i}\":0")) + "}";
        Assert.Null(StrictJson.Check(wide, limits));
    }

    [Fact]
    public void Check_ThousandsOfEvidenceEntries_RefusedByTheDefaultArrayLimit()
    {
        // Issue 9 finding 7: a credential with thousands of evidence entries. Refused in one pass, before any tree is built.
        var evidence = Array(JsonLimits.DefaultMaxArrayLength + 1, "{\"type\":[\"Evidence\"],\"narrative\":\"x\"}");
        Assert.Equal(ErrorCodes.ArrayTooLong, StrictJson.Check("{\"evidence\":" + evidence + "}")!.Code);
        Assert.Null(StrictJson.Check("{\"evidence\":" + Array(1000, "{\"type\":[\"Evidence\"],\"narrative\":\"x\"}") + "}"));
    }

    [Fact]
    public void Check_AgreesWithParseOnOtherRefusals()
    {
        foreach (var bad in new[] { "{\"n\":1e999999}", "{\"a\":1,}", new string('[', 100) + new string(']', 100) })
        {
            Assert.Equal(StrictJson.Parse(bad).Error!.Code, StrictJson.Check(bad)!.Code);
        }
    }
}
