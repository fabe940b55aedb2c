using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using NSecAlgorithm = NSec.Cryptography.SignatureAlgorithm;
using NSecFormat = NSec.Cryptography.KeyBlobFormat;
using NSecPublicKey = NSec.Cryptography.PublicKey;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Encodings;

namespace OpenLer.Credentials.Keys;

/// <summary>
/// A public signature key: Ed25519 (32 bytes) or a NIST P-256 / P-384 point. Immutable and safe to share between threads.
/// </summary>
public sealed class PublicKey : IEquatable<PublicKey>
{
    private readonly byte[] _raw;   // Ed25519: 32 bytes; EC: SEC1 compressed point
    private readonly byte[]? _x;
    private readonly byte[]? _y;
    private readonly NSecPublicKey? _ed25519;
    private readonly ConcurrentBag<ECDsa> _ecdsaPool = [];

    private PublicKey(KeyType type, byte[] raw, byte[]? x, byte[]? y, NSecPublicKey? ed25519)
    {
        Type = type;
        _raw = raw;
        _x = x;
        _y = y;
        _ed25519 = ed25519;
    }

    public KeyType Type { get; }

    /// <summary>Ed25519: the 32-byte key; P-256/P-384: the SEC1 compressed point (as did:key and Multikey carry it).</summary>
    public ReadOnlySpan<byte> Raw => _raw;

    public string JwsAlgorithm => Type.JwsAlgorithm();

    public static Outcome<PublicKey> FromRaw(KeyType type, ReadOnlySpan<byte> raw)
    {
        switch (type)
        {
            case KeyType.Ed25519:
                if (raw.Length != 32)
                {
                    return Outcome.Error(ErrorCodes.InvalidKeyLength, $"An Ed25519 public key is 32 bytes, not {raw.Length}.");
                }

                if (!NSecPublicKey.TryImport(NSecAlgorithm.Ed25519, raw, NSecFormat.RawPublicKey, out var key) || key is null)
                {
                    return Outcome.Error(ErrorCodes.InvalidKey, "Not a valid Ed25519 public key.");
                }

                return new PublicKey(type, raw.ToArray(), null, null, key);

            case KeyType.P256 or KeyType.P384:
                var size = type.CoordinateLength();
                if (raw.Length == (2 * size) + 1 && raw[0] == 0x04)
                {
                    return FromCoordinates(type, raw.Slice(1, size), raw.Slice(1 + size, size));
                }

                if (raw.Length != size + 1)
                {
                    return Outcome.Error(ErrorCodes.InvalidKeyLength, $"A compressed {type.JwkCurve()} key is {size + 1} bytes, not {raw.Length}.");
                }

                var point = EcPoint.Decompress(type, raw);
                return point is { } p
                    ? new PublicKey(type, raw.ToArray(), p.X, p.Y, null)
                    : Outcome.Error(ErrorCodes.InvalidKey, $"Not a point on {type.JwkCurve()}.");

            default:
                return Outcome.Error(ErrorCodes.InvalidKey, "Unsupported key type.");
        }
    }

    public static Outcome<PublicKey> FromCoordinates(KeyType type, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y)
    {
        var size = type.CoordinateLength();
        if (type == KeyType.Ed25519 || x.Length != size || y.Length != size)
        {
            return Outcome.Error(ErrorCodes.InvalidKeyLength, $"{type.JwkCurve()} coordinates are {size} bytes each.");
        }

        if (!EcPoint.IsOnCurve(type, x, y))
        {
            return Outcome.Error(ErrorCodes.InvalidKey, $"Not a point on {type.JwkCurve()}.");
        }

        return new PublicKey(type, EcPoint.Compress(type, x, y), x.ToArray(), y.ToArray(), null);
    }

    /// <summary>Multikey (Controlled Identifiers 1.0 §2.2.2): multibase base58btc of multicodec prefix + key bytes.</summary>
    public static Outcome<PublicKey> FromMultibase(string? publicKeyMultibase)
    {
        var decoded = Multibase.Decode(publicKeyMultibase);
        if (!decoded.IsSuccess)
        {
            return decoded.Error;
        }

        var split = Multicodec.Split(decoded.Value);
        if (!split.IsSuccess)
        {
            return split.Error;
        }

        var (code, data) = split.Value;
        return code switch
        {
            Multicodec.Ed25519Pub => FromRaw(KeyType.Ed25519, data),
            Multicodec.P256Pub => FromRaw(KeyType.P256, data),
            Multicodec.P384Pub => FromRaw(KeyType.P384, data),
            _ => Outcome.Error(ErrorCodes.UnknownMulticodec, $"Unsupported multicodec key type 0x{code:x}."),
        };
    }

    /// <summary>A public JWK (RFC 7517; OKP per RFC 8037, EC per RFC 7518 §6.2). A JWK carrying a private "d" is refused.</summary>
    public static Outcome<PublicKey> FromJwk(JsonObject? jwk)
    {
        if (jwk is null)
        {
            return Outcome.Error(ErrorCodes.InvalidJwk, "Missing JWK.");
        }

        if (jwk.ContainsKey("d"))
        {
            return Outcome.Error(ErrorCodes.InvalidJwk, "A public JWK must not contain private key material (\"d\").");
        }

        return Jwk.ReadPublic(jwk);
    }

    public string ToMultibase() => Multibase.EncodeBase58Btc(Multicodec.Prefix(Type.PublicCodec(), _raw));

    /// <summary>The did:key for this key (did:key spec: did:key:&lt;Multikey&gt;).</summary>
    public string ToDidKey() => "did:key:" + ToMultibase();

    public JsonObject ToJwk()
    {
        if (Type == KeyType.Ed25519)
        {
            return new JsonObject { ["kty"] = "OKP", ["crv"] = "Ed25519", ["x"] = Base64Url.Encode(_raw) };
        }

        return new JsonObject
        {
            ["kty"] = "EC",
            ["crv"] = Type.JwkCurve(),
            ["x"] = Base64Url.Encode(_x),
            ["y"] = Base64Url.Encode(_y),
        };
    }

    /// <summary>
    /// Verifies a signature over <paramref name="data"/>: Ed25519 (pure), or ECDSA with SHA-256 (P-256) / SHA-384 (P-384)
    /// and an IEEE P1363 r‖s signature. Wrong-length, zero or out-of-range signatures verify false.
    /// </summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != Type.SignatureLength())
        {
            return false;
        }

        if (Type == KeyType.Ed25519)
        {
            return NSecAlgorithm.Ed25519.Verify(_ed25519!, data, signature);
        }

        // r = 0 or s = 0 is never valid (CVE-2022-21449 class); OpenSSL also refuses, check anyway.
        var half = signature.Length / 2;
        if (!signature[..half].ContainsAnyExcept((byte)0) || !signature[half..].ContainsAnyExcept((byte)0))
        {
            return false;
        }

        var ecdsa = RentEcdsa();
        try
        {
            return ecdsa.VerifyData(data, signature, Type.HashAlgorithm(), DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (CryptographicException)
        {
            return false;
        }
        finally
        {
            _ecdsaPool.Add(ecdsa);
        }
    }

    private ECDsa RentEcdsa()
    {
        if (_ecdsaPool.TryTake(out var ecdsa))
        {
            return ecdsa;
        }

        return ECDsa.Create(new ECParameters { Curve = Type.Curve(), Q = new ECPoint { X = _x, Y = _y } });
    }

    public bool Equals(PublicKey? other) => other is not null && other.Type == Type && other._raw.AsSpan().SequenceEqual(_raw);

    public override bool Equals(object? obj) => Equals(obj as PublicKey);

    public override int GetHashCode() => HashCode.Combine(Type, _raw.Length, _raw[^1], _raw[^2]);

    public override string ToString() => ToMultibase();
}
