using OpenLer.Credentials.Protocols;
using OpenLer.Credentials.Protocols.Oid4Vci;

namespace OpenLer.Credentials.Tests.Protocols;

public class TokenRequestTests
{
    private static readonly DateTimeOffset Now = ProtocolFixtures.Now;

    private static PreAuthorizedGrant Grant(string? txCode = "493536", bool used = false) => new()
    {
        ExpiresAt = Now.AddMinutes(15),
        Used = used,
        ExpectedTxCode = txCode,
        CredentialConfigurationIds = [OpenLerCredentialConfigurations.OpenBadgeLdpVc],
    };

    private static Common.Outcome<TokenRequest> Parse(string body) =>
        FormParameters.Parse(body, 4096).Then(TokenRequest.Parse);

    private const string Grant_ = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Apre-authorized_code";

    [Fact]
    public void RightCodeAndTxCode_AreAccepted()
    {
        var request = Parse(Grant_ + "&pre-authorized_code=abc&tx_code=493536");
        Assert.True(request.IsSuccess, request.Error?.Message);
        Assert.True(request.Value.Validate(Grant(), Now).IsSuccess);
        Assert.DoesNotContain("493536", request.Value.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void NoTxCodeOffer_AcceptsARequestWithoutOne() =>
        Assert.True(Parse(Grant_ + "&pre-authorized_code=abc").Value.Validate(Grant(txCode: null), Now).IsSuccess);

    [Theory]
    [InlineData("grant_type=authorization_code&code=x", OAuthErrorCodes.UnsupportedGrantType)]
    [InlineData("pre-authorized_code=abc", OAuthErrorCodes.InvalidRequest)]
    [InlineData(Grant_, OAuthErrorCodes.InvalidRequest)]
    [InlineData(Grant_ + "&pre-authorized_code=abc&pre-authorized_code=def", OAuthErrorCodes.InvalidRequest)]
    [InlineData(Grant_ + "&pre-authorized_code=abc&tx_code=1&tx_code=2", OAuthErrorCodes.InvalidRequest)]
    public void MalformedRequest_IsRefusedWithTheSpecCode(string body, string code) =>
        Assert.Equal(code, Parse(body).Error?.Code);

    [Fact]
    public void UnknownCode_IsInvalidGrant() =>
        Assert.Equal(OAuthErrorCodes.InvalidGrant, Parse(Grant_ + "&pre-authorized_code=abc&tx_code=493536").Value.Validate(null, Now).Error?.Code);

    [Fact]
    public void ReusedCode_IsInvalidGrant() =>
        Assert.Equal(OAuthErrorCodes.InvalidGrant, Parse(Grant_ + "&pre-authorized_code=abc&tx_code=493536").Value.Validate(Grant(used: true), Now).Error?.Code);

    [Fact]
    public void ExpiredCode_IsInvalidGrant() =>
        Assert.Equal(OAuthErrorCodes.InvalidGrant, Parse(Grant_ + "&pre-authorized_code=abc&tx_code=493536").Value.Validate(Grant(), Now.AddMinutes(15)).Error?.Code);

    [Theory]
    [InlineData("000000")]
    [InlineData("49353")]
    [InlineData("4935360")]
    [InlineData("")]
    public void WrongTxCode_IsInvalidGrant(string txCode) =>
        Assert.Equal(OAuthErrorCodes.InvalidGrant, Parse(Grant_ + "&pre-authorized_code=abc&tx_code=" + txCode).Value.Validate(Grant(), Now).Error?.Code);

    [Fact]
    public void WrongTxCodeFiveTimes_IsInvalidGrantEachTime_CountingIsTheServers()
    {
        var grant = Grant();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(OAuthErrorCodes.InvalidGrant, Parse(Grant_ + "&pre-authorized_code=abc&tx_code=11111" + i).Value.Validate(grant, Now).Error?.Code);
        }
    }

    [Fact]
    public void MissingTxCode_IsInvalidRequest() =>
        Assert.Equal(OAuthErrorCodes.InvalidRequest, Parse(Grant_ + "&pre-authorized_code=abc").Value.Validate(Grant(), Now).Error?.Code);

    [Fact]
    public void UnexpectedTxCode_IsInvalidRequest() =>
        Assert.Equal(OAuthErrorCodes.InvalidRequest, Parse(Grant_ + "&pre-authorized_code=abc&tx_code=1").Value.Validate(Grant(txCode: null), Now).Error?.Code);

    [Fact]
    public void OversizedCode_IsInvalidGrant_BeforeAnyLookup() =>
        Assert.Equal(OAuthErrorCodes.InvalidGrant, Parse(Grant_ + "&pre-authorized_code=" + new string('a', 600)).Error?.Code);

    [Fact]
    public void TokenResponse_Draft13_CarriesCNonce_V1DoesNot()
    {
        var v1 = TokenResponse.Build("at", TimeSpan.FromMinutes(5));
        Assert.Equal("Bearer", (string?)v1["token_type"]);
        Assert.Equal(300, (long)v1["expires_in"]!);
        Assert.False(v1.ContainsKey("c_nonce"));
        var d13 = TokenResponse.Build("at", TimeSpan.FromMinutes(5), "n1", TimeSpan.FromMinutes(2));
        Assert.Equal("n1", (string?)d13["c_nonce"]);
        Assert.Equal(120, (long)d13["c_nonce_expires_in"]!);
    }
}
