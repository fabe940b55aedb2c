using System.Text;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Encodings;
using OpenLer.Credentials.Jose;

namespace OpenLer.Credentials.Tests.Protocols;

public class EcdhEsJweTests
{
    // OpenID4VP 1.0 §8.3, the encrypted response example and the private key the specification gives to decrypt it.
    private const string SpecJwe =
        "eyJhbGciOiJFQ0RILUVTIiwiZW5jIjoiQTEyOEdDTSIsImtpZCI6ImFjIiwiZXBrIjp7Imt0eSI6IkVDIiwieCI6Im5ubVZwbTNWM2piaGNhZlFhUkJrU1ZOSGx3Wkh3dC05ck9wSnVmeVlJdWsiLCJ5IjoicjRmakRxd0p5czlxVU9QLV9iM21SNVNaRy0tQ3dPMm1pYzVWU05UWU45ZyIsImNydiI6IlAtMjU2In19" +
        "..uAYcHRUSSn2X0WPX.yVzlGSYG4qbg0bq18JcUiDRw56yVnbKR8E7S7YlEtzT00RqE3Pw5oTpUG3hdLN4taHZ9gC1kwak8JOnJgQ.1wR024_3-qtAlx1oFIUpQQ";

    private static EncryptionKey SpecKey() => EncryptionKey.FromPrivateJwk(JsonNode.Parse("""
        {"kty":"EC","kid":"ac","use":"enc","crv":"P-256","alg":"ECDH-ES",
         "x":"YO4epjifD-KWeq1sL2tNmm36BhXnkJ0He-WqMYrp9Fk","y":"Hekpm0zfK7C-YccH5iBjcIXgf6YdUvNUac_0At55Okk",
         "d":"Et-3ce0omz8_TuZ96Df9lp0GAaaDoUnDe6X-CRO7Aww"}
        """)!.AsObject()).Value;

    [Fact]
    public void SpecificationExample_Decrypts()
    {
        using var key = SpecKey();
        var result = EcdhEsJwe.Decrypt(SpecJwe, key);
        Assert.True(result.IsSuccess, result.Error?.Message);
        var payload = JsonNode.Parse(result.Value.Plaintext)!;
        Assert.Equal("eyJhb...YMetA", (string?)payload["vp_token"]!["example_credential_id"]![0]);
        Assert.Equal("ac", (string?)result.Value.Header["kid"]);
    }

    [Theory]
    [InlineData(EcdhEsJwe.A128Gcm)]
    [InlineData(EcdhEsJwe.A256Gcm)]
    public void RoundTrip_WithEitherEnc_AndPartyInfo(string enc)
    {
        using var key = EncryptionKey.Generate("k1");
        var jwe = EcdhEsJwe.Encrypt("{\"a\":\"مرحبا\"}"u8, key.PublicJwk(), enc, apu: Base64Url.Encode("wallet"u8), apv: Base64Url.Encode("nonce"u8)).Value;
        var result = EcdhEsJwe.Decrypt(jwe, key, [enc]);
        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal("{\"a\":\"مرحبا\"}", Encoding.UTF8.GetString(result.Value.Plaintext));
        Assert.Equal("k1", (string?)result.Value.Header["kid"]);
        Assert.Equal(enc, (string?)result.Value.Header["enc"]);
    }

    [Fact]
    public void PrivateJwk_RoundTrips_AndPublicJwkHasNoPrivatePart()
    {
        using var key = EncryptionKey.Generate("k2");
        Assert.False(key.PublicJwk().ContainsKey("d"));
        using var again = EncryptionKey.FromPrivateJwk(key.ExportPrivateJwk()).Value;
        var jwe = EcdhEsJwe.Encrypt("x"u8, key.PublicJwk()).Value;
        Assert.True(EcdhEsJwe.Decrypt(jwe, again).IsSuccess);
    }

    public static TheoryData<string, Func<string, string>> Tampered => new()
    {
        { "ciphertext changed", jwe => Part(jwe, 3, p => Flip(p)) },
        { "tag changed", jwe => Part(jwe, 4, p => Flip(p)) },
        { "header changed (aad)", jwe => Part(jwe, 0, p => Base64Url.Encode(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Base64Url.Decode(p).Value).Replace("\"k3\"", "\"k4\"", StringComparison.Ordinal)))) },
        { "alg dir", jwe => Header(jwe, h => h["alg"] = "dir") },
        { "alg RSA-OAEP", jwe => Header(jwe, h => h["alg"] = "RSA-OAEP") },
        { "enc A128CBC-HS256", jwe => Header(jwe, h => h["enc"] = "A128CBC-HS256") },
        { "zip", jwe => Header(jwe, h => h["zip"] = "DEF") },
        { "crit", jwe => Header(jwe, h => h["crit"] = new JsonArray("x")) },
        { "epk off the curve", jwe => Header(jwe, h => h["epk"]!["y"] = h["epk"]!["x"]!.DeepClone()) },
        { "epk on P-384", jwe => Header(jwe, h => h["epk"]!["crv"] = "P-384") },
        { "encrypted key present", jwe => Part(jwe, 1, _ => "AAAA") },
        { "four parts", jwe => string.Join('.', jwe.Split('.').Take(4)) },
        { "a JWS", _ => "a.b.c" },
        { "short IV", jwe => Part(jwe, 2, _ => Base64Url.Encode(new byte[8])) },
    };

    [Theory]
    [MemberData(nameof(Tampered))]
    public void TamperedOrForbidden_IsRefused(string name, Func<string, string> tamper)
    {
        using var key = EncryptionKey.Generate("k3");
        var jwe = EcdhEsJwe.Encrypt("{\"vp_token\":{}}"u8, key.PublicJwk()).Value;
        Assert.True(EcdhEsJwe.Decrypt(jwe, key).IsSuccess);
        Assert.False(EcdhEsJwe.Decrypt(tamper(jwe), key).IsSuccess, name);
    }

    [Fact]
    public void AnotherKey_OrAnEncTheRecipientDidNotOffer_IsRefused()
    {
        using var key = EncryptionKey.Generate("k5");
        using var other = EncryptionKey.Generate("k5");
        var jwe = EcdhEsJwe.Encrypt("x"u8, key.PublicJwk(), EcdhEsJwe.A256Gcm).Value;
        Assert.False(EcdhEsJwe.Decrypt(jwe, other).IsSuccess);
        Assert.False(EcdhEsJwe.Decrypt(jwe, key, [EcdhEsJwe.A128Gcm]).IsSuccess);
    }

    [Fact]
    public void Oversized_IsRefusedBeforeDecrypting()
    {
        using var key = EncryptionKey.Generate("k6");
        var jwe = EcdhEsJwe.Encrypt(new byte[4096], key.PublicJwk()).Value;
        Assert.False(EcdhEsJwe.Decrypt(jwe, key, maxLength: 1024).IsSuccess);
    }

    [Fact]
    public void Encrypt_RefusesAKeyThatIsNotForEcdhEs()
    {
        using var key = EncryptionKey.Generate("k7");
        var jwk = key.PublicJwk();
        jwk["alg"] = "RSA-OAEP-256";
        Assert.False(EcdhEsJwe.Encrypt("x"u8, jwk).IsSuccess);
        Assert.False(EcdhEsJwe.Encrypt("x"u8, key.ExportPrivateJwk()).IsSuccess);
    }

    private static string Part(string jwe, int index, Func<string, string> change)
    {
        var parts = jwe.Split('.');
        parts[index] = change(parts[index]);
        return string.Join('.', parts);
    }

    private static string Header(string jwe, Action<JsonObject> edit) => Part(jwe, 0, p =>
    {
        var header = JsonNode.Parse(Base64Url.Decode(p).Value)!.AsObject();
        edit(header);
        return Base64Url.Encode(Encoding.UTF8.GetBytes(header.ToJsonString()));
    });

    private static string Flip(string part)
    {
        var bytes = Base64Url.Decode(part).Value;
        bytes[0] ^= 1;
        return Base64Url.Encode(bytes);
    }
}
