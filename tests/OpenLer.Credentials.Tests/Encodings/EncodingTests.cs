using OpenLer.Credentials.Common;
using OpenLer.Credentials.Encodings;

namespace OpenLer.Credentials.Tests.Encodings;

public class EncodingTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("00", "1")]
    [InlineData("0000ff", "115Q")]
    [InlineData("68656c6c6f20776f726c64", "StV1DL6CwTryKyV")]
    public void Base58Btc_RoundTrips(string hex, string expected)
    {
        var bytes = Convert.FromHexString(hex);
        Assert.Equal(expected, Base58Btc.Encode(bytes));
        Assert.Equal(bytes, Base58Btc.Decode(expected).Value);
    }

    [Fact]
    public void Base58Btc_InvalidCharacter_Fails()
    {
        var result = Base58Btc.Decode("0OIl");
        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorCodes.InvalidMultibase, result.Error!.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("z")]
    [InlineData("x123")]
    public void Multibase_Truncated_Or_Unknown_Fails(string value) =>
        Assert.Equal(ErrorCodes.InvalidMultibase, Multibase.Decode(value).Error!.Code);

    [Fact]
    public void Multicodec_RoundTrips_TwoByteVarint()
    {
        var prefixed = Multicodec.Prefix(Multicodec.P256Pub, [1, 2, 3]);
        Assert.Equal(new byte[] { 0x80, 0x24, 1, 2, 3 }, prefixed);
        var (code, data) = Multicodec.Split(prefixed).Value;
        Assert.Equal(Multicodec.P256Pub, code);
        Assert.Equal(new byte[] { 1, 2, 3 }, data);
    }

    [Theory]
    [InlineData("eyJhIjoxfQ", true)]
    [InlineData("eyJhIjoxfQ==", false)]
    [InlineData("eyJhIjoxfR", false)] // non-canonical trailing bits
    [InlineData("a", false)]
    [InlineData("ab+c", false)]
    public void Base64Url_IsStrict(string text, bool ok) => Assert.Equal(ok, Base64Url.Decode(text).IsSuccess);
}
