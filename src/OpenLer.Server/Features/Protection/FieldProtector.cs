using System.Security.Cryptography;
using System.Text;
using OpenLer.Credentials.Encodings;
using OpenLer.Server.Data;

namespace OpenLer.Server.Features.Protection;

/// <summary>
/// Field-by-field encryption of personal and protected data at rest: AES-256-GCM with a fresh 96-bit nonce per value,
/// the key of the value's scope (per organization, or people's own data), and the value's place (table, column, scope,
/// row) as authenticated data, so a value copied to another row or column, or altered by one bit, fails to decrypt.
/// Lookups use a keyed blind index (HMAC-SHA-256 with a separate index key), never the plain value.
/// Format: <c>p1.</c> base64url(key id 16 bytes | nonce 12 | ciphertext | tag 16).
/// </summary>
public sealed class FieldProtector(AppDbContext db, DataKeyRing ring)
{
    private const string Prefix = "p1.";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    /// <summary>Encrypts <paramref name="plaintext"/> for <paramref name="where"/>; null stays null.</summary>
    public string? Protect(string? plaintext, FieldScope where)
    {
        if (plaintext is null)
        {
            return null;
        }

        var (keyId, key) = ring.Active(db, where.Scope, DataKeyPurpose.Encryption);
        return Seal(keyId, key, plaintext, where);
    }

    /// <summary>
    /// The active encryption keys of <paramref name="scopes"/>, resolved now, to encrypt many values on several threads
    /// without touching the database (bulk issuance); the values are the same as <see cref="Protect"/> makes.
    /// </summary>
    public FieldSealer Sealer(params Guid[] scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        return new FieldSealer(scopes.Distinct().ToDictionary(s => s, s => ring.Active(db, s, DataKeyPurpose.Encryption)));
    }

    internal static string Seal(Guid keyId, byte[] key, string plaintext, FieldScope where)
    {
        var input = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[16 + NonceSize + input.Length + TagSize];
        keyId.TryWriteBytes(output.AsSpan(0, 16));
        var nonce = output.AsSpan(16, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, input, output.AsSpan(16 + NonceSize, input.Length), output.AsSpan(16 + NonceSize + input.Length, TagSize), AssociatedData(where, keyId));
        return Prefix + Base64Url.Encode(output);
    }

    /// <summary>Decrypts a value of <paramref name="where"/>; null stays null. Throws when the value was altered, moved, or its key is revoked.</summary>
    public string? Unprotect(string? ciphertext, FieldScope where) =>
        ciphertext is null ? null : TryUnprotect(ciphertext, where, out var plaintext)
            ? plaintext
            : throw new FieldDecryptionException(where);

    /// <summary>Decrypts, or returns false when the value cannot be read here (altered, moved, unknown or revoked key).</summary>
    public bool TryUnprotect(string ciphertext, FieldScope where, out string? plaintext)
    {
        plaintext = null;
        if (ciphertext is null || !ciphertext.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var decoded = Base64Url.Decode(ciphertext.AsSpan(Prefix.Length));
        if (!decoded.IsSuccess || decoded.Value.Length < 16 + NonceSize + TagSize)
        {
            return false;
        }

        var bytes = decoded.Value;
        var keyId = new Guid(bytes.AsSpan(0, 16));
        var key = ring.Find(db, keyId, where.Scope, DataKeyPurpose.Encryption);
        if (key is null)
        {
            return false;
        }

        var length = bytes.Length - 16 - NonceSize - TagSize;
        var output = new byte[length];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(bytes.AsSpan(16, NonceSize), bytes.AsSpan(16 + NonceSize, length), bytes.AsSpan(16 + NonceSize + length, TagSize), output, AssociatedData(where, keyId));
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }

        plaintext = Encoding.UTF8.GetString(output);
        return true;
    }

    /// <summary>The id of the key a value was encrypted with (for rotation), or null when it is not one of ours.</summary>
    public static Guid? KeyIdOf(string? ciphertext)
    {
        if (ciphertext is null || !ciphertext.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var decoded = Base64Url.Decode(ciphertext.AsSpan(Prefix.Length));
        return decoded.IsSuccess && decoded.Value.Length >= 16 ? new Guid(decoded.Value.AsSpan(0, 16)) : null;
    }

    /// <summary>
    /// The text every value encrypted with <paramref name="keyId"/> starts with: the prefix and the first 21 base64url
    /// characters, which encode 126 bits of the 128-bit key id and nothing else (so a rotation finds a key's values with
    /// one indexed <c>LIKE 'prefix%'</c>).
    /// </summary>
    public static string KeyPrefix(Guid keyId) => Prefix + Base64Url.Encode(keyId.ToByteArray())[..21];

    /// <summary>
    /// A keyed blind index of a normalized value (a contact, an A-number) for exact-match lookups within a scope: HMAC-SHA-256
    /// with the scope's index key (never the encryption key) over the purpose and the value.
    /// </summary>
    public string BlindIndex(Guid scope, string purpose, string normalizedValue)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        ArgumentNullException.ThrowIfNull(normalizedValue);
        var (_, key) = ring.Active(db, scope, DataKeyPurpose.Index);
        return Base64Url.Encode(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(purpose + "\u001f" + normalizedValue)));
    }

    private static byte[] AssociatedData(FieldScope where, Guid keyId) =>
        Encoding.UTF8.GetBytes($"openler-field-v1|{where.Table}|{where.Column}|{where.Scope:N}|{where.RowId:N}|{keyId:N}");
}

/// <summary>A protected value could not be decrypted: it was altered or moved, or its key is revoked. Names no data.</summary>
public sealed class FieldDecryptionException(FieldScope where)
    : Exception($"A protected value of {where.Table}.{where.Column} could not be decrypted (altered, moved, or its key revoked).")
{
    public FieldScope Where { get; } = where;
}
