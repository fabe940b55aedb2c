using System.Runtime.InteropServices;
using System.Security.Cryptography;
using OpenLer.Credentials.Encodings;

namespace OpenLer.Credentials.Keys;

/// <summary>
/// Ed25519 keys that are made only to be stored (bulk issuance's holder keys): the public key of a 32-byte seed
/// (RFC 8032 §5.1.5), computed by the libsodium NSec ships, without NSec's guarded heap. <see cref="KeyPair.Generate"/>
/// puts every key in sodium_malloc memory (its own pages, guard pages, mprotect and munmap): right for a key that is
/// kept and used, but most of the cost of a key whose seed is exported at once anyway.
/// </summary>
public static class Ed25519Seed
{
    private const int SeedLength = 32;

    /// <summary>A new random seed and its public key. The caller owns the seed (zero it when done).</summary>
    public static (byte[] Seed, PublicKey PublicKey) Generate()
    {
        var seed = RandomNumberGenerator.GetBytes(SeedLength);
        return (seed, PublicKeyOf(seed));
    }

    /// <summary>The public key of <paramref name="seed"/>, the same as <see cref="KeyPair.FromPrivateRaw"/>'s.</summary>
    public static PublicKey PublicKeyOf(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SeedLength)
        {
            throw new ArgumentException("An Ed25519 seed is 32 bytes.", nameof(seed));
        }

        // NSec initializes libsodium (sodium_init) in its algorithm's constructor.
        _ = NSec.Cryptography.SignatureAlgorithm.Ed25519;
        Span<byte> publicKey = stackalloc byte[32];
        Span<byte> secretKey = stackalloc byte[64];
        try
        {
            if (crypto_sign_ed25519_seed_keypair(ref MemoryMarshal.GetReference(publicKey), ref MemoryMarshal.GetReference(secretKey), in MemoryMarshal.GetReference(seed)) != 0)
            {
                throw new CryptographicException("crypto_sign_ed25519_seed_keypair failed.");
            }

            return PublicKey.FromRaw(KeyType.Ed25519, publicKey).Value;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secretKey);
        }
    }

    /// <summary>The Multikey secretKeyMultibase of a seed (what <see cref="KeyPair.ExportPrivateMultibase"/> returns).</summary>
    public static string ToPrivateMultibase(ReadOnlySpan<byte> seed)
    {
        var prefixed = Multicodec.Prefix(Multicodec.Ed25519Priv, seed);
        try
        {
            return Multibase.EncodeBase58Btc(prefixed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(prefixed);
        }
    }

    // DllImport rather than LibraryImport: the library compiles without unsafe code. Blittable arguments, no marshalling.
    [DllImport("libsodium", CallingConvention = CallingConvention.Cdecl, ExactSpelling = true)]
    private static extern int crypto_sign_ed25519_seed_keypair(ref byte publicKey, ref byte secretKey, in byte seed);
}
