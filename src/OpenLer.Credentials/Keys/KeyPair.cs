using System.Security.Cryptography;
using System.Text.Json.Nodes;
using NSecAlgorithm = NSec.Cryptography.SignatureAlgorithm;
using NSecExportPolicies = NSec.Cryptography.KeyExportPolicies;
using NSecFormat = NSec.Cryptography.KeyBlobFormat;
using NSecKey = NSec.Cryptography.Key;
using NSecKeyParameters = NSec.Cryptography.KeyCreationParameters;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Encodings;

namespace OpenLer.Credentials.Keys;

/// <summary>A private signing key with its public key. Signing is thread-safe.</summary>
public sealed class KeyPair : IDisposable
{
    private readonly NSecKey? _ed25519;
    private readonly ECDsa? _ecdsa;
    private readonly Lock _ecdsaLock = new();

    private KeyPair(KeyType type, PublicKey publicKey, NSecKey? ed25519, ECDsa? ecdsa)
    {
        Type = type;
        PublicKey = publicKey;
        _ed25519 = ed25519;
        _ecdsa = ecdsa;
    }

    public KeyType Type { get; }

    public PublicKey PublicKey { get; }

    public static KeyPair Generate(KeyType type)
    {
        if (type == KeyType.Ed25519)
        {
            var key = NSecKey.Create(NSecAlgorithm.Ed25519, new NSecKeyParameters { ExportPolicy = NSecExportPolicies.AllowPlaintextExport });
            return FromNSec(key);
        }

        var ecdsa = ECDsa.Create(type.Curve());
        return FromEcdsa(type, ecdsa);
    }

    /// <summary>Ed25519: the 32-byte seed (RFC 8032 private key); EC: the scalar d, big-endian, fixed width.</summary>
    public static Outcome<KeyPair> FromPrivateRaw(KeyType type, ReadOnlySpan<byte> privateKey)
    {
        var size = type.CoordinateLength();
        if (privateKey.Length != size)
        {
            return Outcome.Error(ErrorCodes.InvalidKeyLength, $"A {type.JwkCurve()} private key is {size} bytes, not {privateKey.Length}.");
        }

        if (type == KeyType.Ed25519)
        {
            if (!NSecKey.TryImport(NSecAlgorithm.Ed25519, privateKey, NSecFormat.RawPrivateKey, out var key,
                    new NSecKeyParameters { ExportPolicy = NSecExportPolicies.AllowPlaintextExport }) || key is null)
            {
                return Outcome.Error(ErrorCodes.InvalidKey, "Not a valid Ed25519 private key.");
            }

            return FromNSec(key);
        }

        try
        {
            var ecdsa = ECDsa.Create(new ECParameters { Curve = type.Curve(), D = privateKey.ToArray() });
            return FromEcdsa(type, ecdsa);
        }
        catch (CryptographicException)
        {
            return Outcome.Error(ErrorCodes.InvalidKey, $"Not a valid {type.JwkCurve()} private key.");
        }
    }

    /// <summary>Multikey secretKeyMultibase: multibase base58btc of multicodec (ed25519-priv, p256-priv, p384-priv) + key bytes.</summary>
    public static Outcome<KeyPair> FromPrivateMultibase(string? secretKeyMultibase)
    {
        var decoded = Multibase.Decode(secretKeyMultibase);
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
        try
        {
            return code switch
            {
                Multicodec.Ed25519Priv => FromPrivateRaw(KeyType.Ed25519, data),
                Multicodec.P256Priv => FromPrivateRaw(KeyType.P256, data),
                Multicodec.P384Priv => FromPrivateRaw(KeyType.P384, data),
                _ => Outcome.Error(ErrorCodes.UnknownMulticodec, $"Unsupported multicodec private key type 0x{code:x}."),
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(data);
        }
    }

    public static Outcome<KeyPair> FromPrivateJwk(JsonObject jwk) => Jwk.ReadPrivate(jwk);

    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        if (_ed25519 is not null)
        {
            return NSecAlgorithm.Ed25519.Sign(_ed25519, data);
        }

        lock (_ecdsaLock)
        {
            return _ecdsa!.SignData(data, Type.HashAlgorithm(), DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
    }

    public byte[] ExportPrivateRaw()
    {
        if (_ed25519 is not null)
        {
            return _ed25519.Export(NSecFormat.RawPrivateKey);
        }

        lock (_ecdsaLock)
        {
            return _ecdsa!.ExportParameters(includePrivateParameters: true).D!;
        }
    }

    public string ExportPrivateMultibase()
    {
        var raw = ExportPrivateRaw();
        try
        {
            return Multibase.EncodeBase58Btc(Multicodec.Prefix(Type.PrivateCodec(), raw));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(raw);
        }
    }

    public JsonObject ExportPrivateJwk()
    {
        var jwk = PublicKey.ToJwk();
        var raw = ExportPrivateRaw();
        jwk["d"] = Base64Url.Encode(raw);
        CryptographicOperations.ZeroMemory(raw);
        return jwk;
    }

    public void Dispose()
    {
        _ed25519?.Dispose();
        _ecdsa?.Dispose();
    }

    private static KeyPair FromNSec(NSecKey key)
    {
        var publicKey = PublicKey.FromRaw(KeyType.Ed25519, key.PublicKey.Export(NSecFormat.RawPublicKey)).Value;
        return new KeyPair(KeyType.Ed25519, publicKey, key, null);
    }

    private static KeyPair FromEcdsa(KeyType type, ECDsa ecdsa)
    {
        var q = ecdsa.ExportParameters(includePrivateParameters: false).Q;
        var publicKey = PublicKey.FromCoordinates(type, q.X, q.Y).Value;
        return new KeyPair(type, publicKey, null, ecdsa);
    }
}
