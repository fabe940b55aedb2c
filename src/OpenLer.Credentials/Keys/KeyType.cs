namespace OpenLer.Credentials.Keys;

/// <summary>The signature key types OpenLER issues and verifies with.</summary>
public enum KeyType
{
    /// <summary>Ed25519 (RFC 8032), JOSE alg EdDSA, multicodec ed25519-pub 0xed.</summary>
    Ed25519,

    /// <summary>ECDSA on NIST P-256 with SHA-256, JOSE alg ES256, multicodec p256-pub 0x1200.</summary>
    P256,

    /// <summary>ECDSA on NIST P-384 with SHA-384, JOSE alg ES384, multicodec p384-pub 0x1201.</summary>
    P384,
}

public static class KeyTypeExtensions
{
    /// <summary>The one JOSE algorithm each key type may be used with (RFC 8725 §3.1: the key decides, not the header).</summary>
    public static string JwsAlgorithm(this KeyType type) => type switch
    {
        KeyType.Ed25519 => "EdDSA",
        KeyType.P256 => "ES256",
        KeyType.P384 => "ES384",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Raw signature length: Ed25519 64 bytes; ECDSA r‖s in fixed-width fields (IEEE P1363).</summary>
    public static int SignatureLength(this KeyType type) => type switch
    {
        KeyType.Ed25519 => 64,
        KeyType.P256 => 64,
        KeyType.P384 => 96,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static string JwkCurve(this KeyType type) => type switch
    {
        KeyType.Ed25519 => "Ed25519",
        KeyType.P256 => "P-256",
        KeyType.P384 => "P-384",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    internal static int CoordinateLength(this KeyType type) => type switch
    {
        KeyType.Ed25519 => 32,
        KeyType.P256 => 32,
        KeyType.P384 => 48,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    internal static ulong PublicCodec(this KeyType type) => type switch
    {
        KeyType.Ed25519 => Encodings.Multicodec.Ed25519Pub,
        KeyType.P256 => Encodings.Multicodec.P256Pub,
        KeyType.P384 => Encodings.Multicodec.P384Pub,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    internal static ulong PrivateCodec(this KeyType type) => type switch
    {
        KeyType.Ed25519 => Encodings.Multicodec.Ed25519Priv,
        KeyType.P256 => Encodings.Multicodec.P256Priv,
        KeyType.P384 => Encodings.Multicodec.P384Priv,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    internal static System.Security.Cryptography.HashAlgorithmName HashAlgorithm(this KeyType type) => type switch
    {
        KeyType.P384 => System.Security.Cryptography.HashAlgorithmName.SHA384,
        _ => System.Security.Cryptography.HashAlgorithmName.SHA256,
    };

    internal static System.Security.Cryptography.ECCurve Curve(this KeyType type) => type switch
    {
        KeyType.P256 => System.Security.Cryptography.ECCurve.NamedCurves.nistP256,
        KeyType.P384 => System.Security.Cryptography.ECCurve.NamedCurves.nistP384,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
