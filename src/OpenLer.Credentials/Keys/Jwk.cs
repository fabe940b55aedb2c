using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Encodings;

namespace OpenLer.Credentials.Keys;

/// <summary>Reads JSON Web Keys (RFC 7517) of the three supported key types; everything else (oct, RSA, X25519) is refused.</summary>
public static class Jwk
{
    public static Outcome<PublicKey> ReadPublic(JsonObject jwk)
    {
        ArgumentNullException.ThrowIfNull(jwk);
        var type = ReadType(jwk);
        if (!type.IsSuccess)
        {
            return type.Error;
        }

        var x = ReadCoordinate(jwk, "x", type.Value.CoordinateLength());
        if (!x.IsSuccess)
        {
            return x.Error;
        }

        if (type.Value == KeyType.Ed25519)
        {
            return PublicKey.FromRaw(KeyType.Ed25519, x.Value);
        }

        var y = ReadCoordinate(jwk, "y", type.Value.CoordinateLength());
        return y.IsSuccess ? PublicKey.FromCoordinates(type.Value, x.Value, y.Value) : y.Error;
    }

    public static Outcome<KeyPair> ReadPrivate(JsonObject jwk)
    {
        ArgumentNullException.ThrowIfNull(jwk);
        var publicKey = ReadPublic(jwk);
        if (!publicKey.IsSuccess)
        {
            return publicKey.Error;
        }

        var d = ReadCoordinate(jwk, "d", publicKey.Value.Type.CoordinateLength());
        if (!d.IsSuccess)
        {
            return d.Error;
        }

        var pair = KeyPair.FromPrivateRaw(publicKey.Value.Type, d.Value);
        if (!pair.IsSuccess)
        {
            return pair.Error;
        }

        if (!pair.Value.PublicKey.Equals(publicKey.Value))
        {
            pair.Value.Dispose();
            return Outcome.Error(ErrorCodes.InvalidJwk, "The JWK's public part does not match its private key.");
        }

        return pair;
    }

    private static Outcome<KeyType> ReadType(JsonObject jwk)
    {
        var kty = jwk["kty"] is JsonValue k && k.TryGetValue<string>(out var ks) ? ks : null;
        var crv = jwk["crv"] is JsonValue c && c.TryGetValue<string>(out var cs) ? cs : null;
        return (kty, crv) switch
        {
            ("OKP", "Ed25519") => KeyType.Ed25519,
            ("EC", "P-256") => KeyType.P256,
            ("EC", "P-384") => KeyType.P384,
            ("oct", _) => Outcome.Error(ErrorCodes.InvalidJwk, "Symmetric (oct) keys are not accepted."),
            _ => Outcome.Error(ErrorCodes.InvalidJwk, "Unsupported JWK: only OKP/Ed25519 and EC/P-256, EC/P-384 are accepted."),
        };
    }

    private static Outcome<byte[]> ReadCoordinate(JsonObject jwk, string name, int length)
    {
        if (jwk[name] is not JsonValue v || !v.TryGetValue<string>(out var text))
        {
            return Outcome.Error(ErrorCodes.InvalidJwk, $"The JWK has no \"{name}\".");
        }

        var bytes = Base64Url.Decode(text);
        if (!bytes.IsSuccess || bytes.Value.Length != length)
        {
            return Outcome.Error(ErrorCodes.InvalidKeyLength, $"The JWK \"{name}\" must be {length} bytes of base64url.");
        }

        return bytes;
    }
}
