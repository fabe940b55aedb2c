using System.Text.Json.Nodes;
using OpenLer.Credentials.Encodings;
using OpenLer.Credentials.Jose;

namespace OpenLer.Credentials.Tests.Security;

/// <summary>
/// docs/security.md CP-08 (CVE-2022-36083 class): the only JWE OpenLER reads is an ECDH-ES OpenID4VP answer. A PBES2
/// header asking for 2^31 PBKDF2 iterations is refused from its header, before any key derivation: were the iterations
/// run, this test would not finish. The same for every other key-management algorithm an attacker could name.
/// </summary>
public sealed class JweAttackTests
{
    /// <summary>
    /// A JWE whose protected header is <paramref name="header"/>, with well-formed parts after it: with a wrapped key as PBES2
    /// and key wrapping send, or with the empty key part of direct agreement (so only the header can refuse it).
    /// </summary>
    private static string Jwe(JsonObject header, bool wrappedKey) => string.Join('.',
        Base64Url.Encode(System.Text.Encoding.UTF8.GetBytes(header.ToJsonString())),
        wrappedKey ? Base64Url.Encode(new byte[40]) : "",
        Base64Url.Encode(new byte[12]),
        Base64Url.Encode(new byte[64]),
        Base64Url.Encode(new byte[16]));

    [Theory]
    [InlineData("PBES2-HS256+A128KW", true)]
    [InlineData("PBES2-HS256+A128KW", false)]
    [InlineData("PBES2-HS384+A192KW", false)]
    [InlineData("PBES2-HS512+A256KW", false)]
    public void Cp08_Pbes2WithTwoBillionIterations_RefusedFromItsHeader(string alg, bool wrappedKey)
    {
        using var key = EncryptionKey.Generate("k1");
        var header = new JsonObject
        {
            ["alg"] = alg,
            ["enc"] = EcdhEsJwe.A128Gcm,
            ["kid"] = "k1",
            ["p2c"] = int.MaxValue,
            ["p2s"] = Base64Url.Encode(new byte[16]),
        };

        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = EcdhEsJwe.Decrypt(Jwe(header, wrappedKey), key);
        Assert.False(result.IsSuccess);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1024 * 1024);
        if (!wrappedKey)
        {
            Assert.Equal(Common.ErrorCodes.UnsupportedAlgorithm, result.Error.Code);
        }
    }

    [Theory]
    [InlineData("dir")]
    [InlineData("A128KW")]
    [InlineData("ECDH-ES+A128KW")]
    [InlineData("RSA1_5")]
    [InlineData("none")]
    public void Cp08_OtherKeyManagementAlgorithms_Refused(string alg)
    {
        using var key = EncryptionKey.Generate("k1");
        var result = EcdhEsJwe.Decrypt(Jwe(new JsonObject { ["alg"] = alg, ["enc"] = EcdhEsJwe.A128Gcm, ["kid"] = "k1" }, wrappedKey: false), key);
        Assert.False(result.IsSuccess, alg);
        Assert.Equal(Common.ErrorCodes.UnsupportedAlgorithm, result.Error.Code);
    }
}
