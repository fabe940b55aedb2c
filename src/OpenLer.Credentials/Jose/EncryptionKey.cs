using System.Security.Cryptography;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Encodings;
using OpenLer.Credentials.Keys;

namespace OpenLer.Credentials.Jose;

/// <summary>
/// A P-256 key for ECDH-ES key agreement (RFC 7518 §4.6), e.g. the ephemeral key a verifier publishes in an OpenID4VP
/// request's <c>client_metadata.jwks</c> so that the wallet can encrypt its response (OpenID4VP 1.0 §8.3). The private part
/// never leaves through <see cref="PublicJwk"/>; <see cref="ExportPrivateJwk"/> is for the server's own storage.
/// </summary>
public sealed class EncryptionKey : IDisposable
{
    private readonly ECDiffieHellman _key;

    private EncryptionKey(ECDiffieHellman key, string keyId)
    {
        _key = key;
        KeyId = keyId;
    }

    public string KeyId { get; }

    /// <summary>A new key from the operating system's generator.</summary>
    public static EncryptionKey Generate(string keyId)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        return new EncryptionKey(ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256), keyId);
    }

    /// <summary>The public JWK: kty EC, crv P-256, x, y, kid, use enc, alg ECDH-ES (the <c>alg</c> OpenID4VP §8.3 requires).</summary>
    public JsonObject PublicJwk()
    {
        var q = _key.ExportParameters(includePrivateParameters: false).Q;
        return new JsonObject
        {
            ["kty"] = "EC",
            ["crv"] = "P-256",
            ["x"] = Base64Url.Encode(q.X),
            ["y"] = Base64Url.Encode(q.Y),
            ["kid"] = KeyId,
            ["use"] = "enc",
            ["alg"] = EcdhEsJwe.Algorithm,
        };
    }

    public JsonObject ExportPrivateJwk()
    {
        var jwk = PublicJwk();
        var parameters = _key.ExportParameters(includePrivateParameters: true);
        jwk["d"] = Base64Url.Encode(parameters.D);
        CryptographicOperations.ZeroMemory(parameters.D);
        return jwk;
    }

    public static Outcome<EncryptionKey> FromPrivateJwk(JsonObject jwk)
    {
        ArgumentNullException.ThrowIfNull(jwk);
        var publicKey = Jwk.ReadPublic(jwk);
        if (!publicKey.IsSuccess || publicKey.Value.Type != KeyType.P256)
        {
            return Outcome.Error(ErrorCodes.InvalidJwk, "An encryption key is an EC P-256 JWK.");
        }

        var d = jwk["d"] is JsonValue dv && dv.TryGetValue<string>(out var ds) ? Base64Url.Decode(ds) : Outcome.Error(ErrorCodes.InvalidJwk, "No d.");
        var x = Base64Url.Decode(CredentialFields.Text(jwk, "x"));
        var y = Base64Url.Decode(CredentialFields.Text(jwk, "y"));
        if (!d.IsSuccess || d.Value.Length != 32 || !x.IsSuccess || !y.IsSuccess)
        {
            return Outcome.Error(ErrorCodes.InvalidJwk, "The encryption JWK's private part is not 32 bytes of base64url.");
        }

        try
        {
            var key = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                D = d.Value,
                Q = new ECPoint { X = x.Value, Y = y.Value },
            });
            return new EncryptionKey(key, CredentialFields.Text(jwk, "kid") ?? string.Empty);
        }
        catch (CryptographicException)
        {
            return Outcome.Error(ErrorCodes.InvalidJwk, "The encryption JWK is not a valid P-256 key pair.");
        }
    }

    internal byte[] Agree(ECDiffieHellmanPublicKey other) => _key.DeriveRawSecretAgreement(other);

    public void Dispose() => _key.Dispose();
}
