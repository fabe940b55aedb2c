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
}
