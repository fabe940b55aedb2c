using System.Security.Cryptography;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Protocols;
using OpenLer.Credentials.Protocols.Oid4Vci;

namespace OpenLer.Credentials.Tests.Protocols;

public class Oid4VciOfferTests
{
    private static CredentialOffer Offer(TxCode? txCode = null) => new()
    {
        CredentialIssuer = ProtocolFixtures.Issuer,
        CredentialConfigurationIds = [OpenLerCredentialConfigurations.OpenBadgeLdpVc],
        PreAuthorizedCode = "code-123",
        TxCode = txCode,
    };

    [Fact]
    public void Offer_ByValue_HasTheGrantAndTxCode_AndParsesBack()
    {
        var offer = Offer(TxCode.Numeric(6, "Sent to you by text message"));
        var json = offer.ToJson();
        var grant = json["grants"]![CredentialOffer.PreAuthorizedCodeGrantType]!.AsObject();
        Assert.Equal("code-123", (string?)grant["pre-authorized_code"]);
        Assert.Equal("numeric", (string?)grant["tx_code"]!["input_mode"]);
        Assert.Equal(6, (int)grant["tx_code"]!["length"]!);

        var uri = offer.ToUri();
        Assert.StartsWith("openid-credential-offer://?credential_offer=%7B", uri, StringComparison.Ordinal);
        var back = CredentialOffer.Parse(JsonNode.Parse(Uri.UnescapeDataString(uri["openid-credential-offer://?credential_offer=".Length..]))!.AsObject());
        Assert.True(back.IsSuccess, back.Error?.Message);
        Assert.Equal(offer.TxCode, back.Value.TxCode);
        Assert.Equal(offer.CredentialConfigurationIds, back.Value.CredentialConfigurationIds);
    }

    [Fact]
    public void Offer_WithoutTxCode_HasNoTxCodeObject()
    {
        var grant = Offer().ToJson()["grants"]![CredentialOffer.PreAuthorizedCodeGrantType]!.AsObject();
        Assert.False(grant.ContainsKey("tx_code"));
    }

    [Fact]
    public void Offer_ByReference_EncodesTheUrl() =>
        Assert.Equal("openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fcbo.example%2Foffers%2Fabc",
            CredentialOffer.ByReference("https://cbo.example/offers/abc"));

    [Theory]
    [InlineData("""{"credential_configuration_ids":["a"],"grants":{"urn:ietf:params:oauth:grant-type:pre-authorized_code":{"pre-authorized_code":"c"}}}""")]
    [InlineData("""{"credential_issuer":"http://evil.example","credential_configuration_ids":["a"],"grants":{"urn:ietf:params:oauth:grant-type:pre-authorized_code":{"pre-authorized_code":"c"}}}""")]
    [InlineData("""{"credential_issuer":"https://i.example","credential_configuration_ids":[],"grants":{"urn:ietf:params:oauth:grant-type:pre-authorized_code":{"pre-authorized_code":"c"}}}""")]
    [InlineData("""{"credential_issuer":"https://i.example","credential_configuration_ids":["a","a"],"grants":{"urn:ietf:params:oauth:grant-type:pre-authorized_code":{"pre-authorized_code":"c"}}}""")]
    [InlineData("""{"credential_issuer":"https://i.example","credential_configuration_ids":["a"],"grants":{}}""")]
    [InlineData("""{"credential_issuer":"https://i.example","credential_configuration_ids":["a"],"grants":{"urn:ietf:params:oauth:grant-type:pre-authorized_code":{"pre-authorized_code":"c","tx_code":{"input_mode":"emoji"}}}}""")]
    public void MalformedOffer_IsRefused(string json) =>
        Assert.Equal(OAuthErrorCodes.InvalidRequest, CredentialOffer.Parse(JsonNode.Parse(json)!.AsObject()).Error?.Code);

    [Fact]
    public void TxCodeDescription_Over300Characters_IsRefused() =>
        Assert.Throws<InvalidOperationException>(() => TxCode.Numeric(6, new string('x', 301)).ToJson());

    [Fact]
    public void WellKnownLocations_FollowTheSpecVersions()
    {
        Assert.Equal("https://cbo.example/.well-known/openid-credential-issuer/issuers/irc-tucson", IssuerIdentifier.MetadataUrl(ProtocolFixtures.Issuer));
        Assert.Equal("https://cbo.example/issuers/irc-tucson/.well-known/openid-credential-issuer", IssuerIdentifier.LegacyMetadataUrl(ProtocolFixtures.Issuer));
        Assert.Equal("https://cbo.example/.well-known/openid-credential-issuer", IssuerIdentifier.MetadataUrl("https://cbo.example"));
        Assert.Equal("https://cbo.example/.well-known/oauth-authorization-server/issuers/irc-tucson", IssuerIdentifier.AuthorizationServerMetadataUrl(ProtocolFixtures.Issuer));
    }

    [Theory]
    [InlineData("https://cbo.example/i", true)]
    [InlineData("https://cbo.example/i?x=1", false)]
    [InlineData("https://cbo.example/i#f", false)]
    [InlineData("http://cbo.example/i", false)]
    [InlineData("https://user@cbo.example/i", false)]
    [InlineData("not a url", false)]
    public void IssuerIdentifier_IsAnHttpsUrlWithoutQueryOrFragment(string value, bool valid) =>
        Assert.Equal(valid, IssuerIdentifier.IsValid(value));

    [Fact]
    public void Metadata_V1_HasNonceEndpointAndCredentialMetadataPerLocale()
    {
        var json = ProtocolFixtures.Metadata().ToJson();
        Assert.Equal(ProtocolFixtures.Issuer + "/nonce", (string?)json["nonce_endpoint"]);
        var configs = json["credential_configurations_supported"]!.AsObject();
        var ldp = configs[OpenLerCredentialConfigurations.OpenBadgeLdpVc]!.AsObject();
        Assert.Equal("ldp_vc", (string?)ldp["format"]);
        Assert.Equal(["VerifiableCredential", "OpenBadgeCredential"], ldp["credential_definition"]!["type"]!.AsArray().Select(t => (string)t!));
        Assert.Equal(2, ldp["credential_definition"]!["@context"]!.AsArray().Count);
        Assert.Equal(["eddsa-rdfc-2022"], ldp["credential_signing_alg_values_supported"]!.AsArray().Select(t => (string)t!));
        Assert.Equal(["EdDSA", "ES256"], ldp["proof_types_supported"]!["jwt"]!["proof_signing_alg_values_supported"]!.AsArray().Select(t => (string)t!));
        Assert.Equal(["en", "es", "ar"], ldp["credential_metadata"]!["display"]!.AsArray().Select(d => (string)d!["locale"]!));
        Assert.False(ldp.ContainsKey("display"));

        var jwt = configs[OpenLerCredentialConfigurations.OpenBadgeJwtVcJson]!.AsObject();
        Assert.Equal("jwt_vc_json", (string?)jwt["format"]);
        Assert.False(jwt["credential_definition"]!.AsObject().ContainsKey("@context"));

        var sd = configs[OpenLerCredentialConfigurations.WorkAuthorizationSdJwt]!.AsObject();
        Assert.Equal("dc+sd-jwt", (string?)sd["format"]);
        Assert.Equal(ProtocolFixtures.Vct, (string?)sd["vct"]);
        var claim = sd["credential_metadata"]!["claims"]!.AsArray().First(c => (string?)c!["path"]![0] == "a_number")!;
        Assert.Equal("الرقم A ‏(A-number)", (string?)claim["display"]!.AsArray().First(d => (string?)d!["locale"] == "ar")!["name"]);
    }

    [Fact]
    public void Metadata_Draft13_UsesVcSdJwtTopLevelDisplayAndClaimMaps_WithoutNonceEndpoint()
    {
        var json = ProtocolFixtures.Metadata().ToDraft13Json();
        Assert.False(json.ContainsKey("nonce_endpoint"));
        var configs = json["credential_configurations_supported"]!.AsObject();
        var sd = configs[OpenLerCredentialConfigurations.WorkAuthorizationSdJwt]!.AsObject();
        Assert.Equal("vc+sd-jwt", (string?)sd["format"]);
        Assert.Equal("Valid until", (string?)sd["claims"]!["valid_until"]!["display"]![0]!["name"]);
        // valid_until is absent when the document has no end date (no_expiry instead): not mandatory; authorized_to_work is.
        Assert.Null(sd["claims"]!["valid_until"]!["mandatory"]);
        Assert.True((bool)sd["claims"]!["authorized_to_work"]!["mandatory"]!);
        Assert.Equal(3, sd["display"]!.AsArray().Count);
        var ldp = configs[OpenLerCredentialConfigurations.OpenBadgeLdpVc]!.AsObject();
        Assert.Equal("Achievement", (string?)ldp["credential_definition"]!["credentialSubject"]!["achievement"]!["name"]!["display"]![0]!["name"]);
        Assert.False(ldp.ContainsKey("credential_metadata"));
    }

    [Fact]
    public void AuthorizationServerMetadata_OffersOnlyThePreAuthorizedGrant_Anonymously()
    {
        var json = AuthorizationServerMetadata.Build(ProtocolFixtures.Issuer, ProtocolFixtures.Issuer + "/token");
        Assert.Equal([CredentialOffer.PreAuthorizedCodeGrantType], json["grant_types_supported"]!.AsArray().Select(g => (string)g!));
        Assert.True((bool)json["pre-authorized_grant_anonymous_access_supported"]!);
        Assert.False(json.ContainsKey("response_types_supported"));
    }

    [Fact]
    public void ProtocolRandom_NumericCodes_AreDigitsOfTheLength_AndTokensUrlSafe()
    {
        using var rng = RandomNumberGenerator.Create();
        var random = new ProtocolRandom(rng);
        var codes = Enumerable.Range(0, 200).Select(_ => random.NewNumericCode(6)).ToList();
        Assert.All(codes, c => Assert.Matches("^[0-9]{6}$", c));
        Assert.True(codes.Distinct().Count() > 190);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", random.NewToken());
        Assert.Matches("^[A-Za-z0-9_-]{22}$", random.NewNonce());
    }

    [Fact]
    public void ErrorResponse_KeepsTheCode_AndOnlyAllowedDescriptionCharacters()
    {
        var json = OAuthErrorResponse.ToJson(new Common.CredentialError(OAuthErrorCodes.InvalidGrant, "bad \"code\" \\ é\n"));
        Assert.Equal("invalid_grant", (string?)json["error"]);
        Assert.Equal("bad ?code? ? ??", (string?)json["error_description"]);
    }
}
