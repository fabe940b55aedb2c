using System.Text.Json.Nodes;
using OpenLer.Credentials.Jcs;
using OpenLer.Credentials.Json;

namespace OpenLer.Credentials.Tests.Jcs;

public class JsonCanonicalizerTests
{
    [Theory]
    [InlineData("""{"b":1,"a":2}""", """{"a":2,"b":1}""")]
    [InlineData("""{"€":1,"\r":2,"ö":3,"1":4}""", """{"\r":2,"1":4,"ö":3,"€":1}""")]
    [InlineData("""[1.0, 1e21, 1e-7, 0.000001, -0.0, 123456789012345680000]""", """[1,1e+21,1e-7,0.000001,0,123456789012345680000]""")]
    [InlineData("""{"s":"\u0001\u001f\"\\/\u2028 é"}""", "{\"s\":\"\\u0001\\u001f\\\"\\\\/\u2028 é\"}")]
    public void Canonicalize_FollowsRfc8785(string input, string expected)
    {
        var node = StrictJson.Parse(input).Value;
        Assert.Equal(expected, JsonCanonicalizer.CanonicalizeToString(node));
    }

    [Fact]
    public void CanonicalizeObject_ExcludesAndReplacesMembers_WithoutTouchingTheObject()
    {
        var obj = StrictJson.ParseObject("""{"proof":{"x":1},"b":2,"@context":"a"}""").Value;
        var bytes = JsonCanonicalizer.CanonicalizeObject(obj, MemberOverride.Without("proof"), MemberOverride.With("@context", JsonValue.Create("z")));
        Assert.Equal("""{"@context":"z","b":2}""", System.Text.Encoding.UTF8.GetString(bytes));
        Assert.Equal(3, obj.Count);
    }

    [Theory]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(-1.5e-7, "-1.5e-7")]
    public void EcmaScriptNumber_MatchesNumberToString(double value, string expected) =>
        Assert.Equal(expected, EcmaScriptNumber.Format(value));
}
