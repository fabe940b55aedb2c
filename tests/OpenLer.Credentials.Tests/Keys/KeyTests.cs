using OpenLer.Credentials.Common;
using OpenLer.Credentials.Keys;

namespace OpenLer.Credentials.Tests.Keys;

public class KeyTests
{
    [Theory]
    [InlineData(KeyType.Ed25519, "z6Mk")]
    [InlineData(KeyType.P256, "zDna")]
    [InlineData(KeyType.P384, "z82L")]
    public void Generate_ExportsMultikeyWithTheRightPrefix_AndRoundTrips(KeyType type, string prefix)
    {
        using var key = KeyPair.Generate(type);
        var multibase = key.PublicKey.ToMultibase();
        Assert.StartsWith(prefix, multibase, StringComparison.Ordinal);
        Assert.Equal(key.PublicKey, PublicKey.FromMultibase(multibase).Value);
        Assert.Equal(key.PublicKey, PublicKey.FromJwk(key.PublicKey.ToJwk()).Value);

        using var fromSecret = KeyPair.FromPrivateMultibase(key.ExportPrivateMultibase()).Value;
        using var fromJwk = KeyPair.FromPrivateJwk(key.ExportPrivateJwk()).Value;
        using var fromRaw = KeyPair.FromPrivateRaw(type, key.ExportPrivateRaw()).Value;
        Assert.Equal(key.PublicKey, fromSecret.PublicKey);
        Assert.Equal(key.PublicKey, fromJwk.PublicKey);
        Assert.Equal(key.PublicKey, fromRaw.PublicKey);
    }

    [Theory]
    [InlineData(KeyType.Ed25519)]
    [InlineData(KeyType.P256)]
    [InlineData(KeyType.P384)]
    public void Sign_Verifies_AndATamperedMessageDoesNot(KeyType type)
    {
        using var key = KeyPair.Generate(type);
        var message = "hello"u8.ToArray();
        var signature = key.Sign(message);
        Assert.Equal(type.SignatureLength(), signature.Length);
        Assert.True(key.PublicKey.Verify(message, signature));
        Assert.False(key.PublicKey.Verify("hellO"u8, signature));
        Assert.False(key.PublicKey.Verify(message, new byte[signature.Length]));
        Assert.False(key.PublicKey.Verify(message, signature.AsSpan(1).ToArray()));
    }

    [Fact]
    public void FromJwk_PrivateMaterial_Refused()
    {
        using var key = KeyPair.Generate(KeyType.P256);
        Assert.Equal(ErrorCodes.InvalidJwk, PublicKey.FromJwk(key.ExportPrivateJwk()).Error!.Code);
    }

    [Fact]
    public void FromJwk_SymmetricKey_Refused() =>
        Assert.Equal(ErrorCodes.InvalidJwk, PublicKey.FromJwk(new() { ["kty"] = "oct", ["k"] = "c2VjcmV0" }).Error!.Code);

    [Fact]
    public void FromCoordinates_PointNotOnCurve_Refused() =>
        Assert.Equal(ErrorCodes.InvalidKey, PublicKey.FromCoordinates(KeyType.P256, new byte[32], new byte[32]).Error!.Code);

    [Theory]
    [InlineData("z", ErrorCodes.InvalidMultibase)]
    [InlineData("m6Mkf", ErrorCodes.InvalidMultibase)]
    [InlineData("zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme", ErrorCodes.UnknownMulticodec)] // secp256k1
    public void FromMultibase_BadInput_RefusedWithCode(string multibase, string code) =>
        Assert.Equal(code, PublicKey.FromMultibase(multibase).Error!.Code);

    [Theory]
    [InlineData(KeyType.Ed25519)]
    [InlineData(KeyType.P256)]
    public void FromMultibase_KeyOneByteShort_RefusedAsWrongLength(KeyType type)
    {
        using var key = KeyPair.Generate(type);
        var bytes = Credentials.Encodings.Multibase.Decode(key.PublicKey.ToMultibase()).Value;
        var truncated = Credentials.Encodings.Multibase.EncodeBase58Btc(bytes.AsSpan(0, bytes.Length - 1));
        Assert.Equal(ErrorCodes.InvalidKeyLength, PublicKey.FromMultibase(truncated).Error!.Code);
    }
}
