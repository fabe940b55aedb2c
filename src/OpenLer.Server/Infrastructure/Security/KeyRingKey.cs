using System.Security.Cryptography;
using System.Text;

namespace OpenLer.Server.Infrastructure.Security;

/// <summary>
/// The 256-bit key that encrypts the Data Protection key ring (<c>DataProtection:KeyFile</c>). The key file holds it as
/// base64 (44 characters) or as 32 raw bytes. Its fingerprint (not secret) names it in the encrypted XML, so a wrong key
/// file is reported as such.
/// </summary>
public sealed class KeyRingKey
{
    public const int Size = 32;

    private readonly byte[] _key;

    private KeyRingKey(byte[] key, string path)
    {
        _key = key;
        Path = path;
        Fingerprint = Convert.ToHexStringLower(SHA256.HashData([.. "OpenLER key ring key file\n"u8, .. key]).AsSpan(0, 8));
    }

    /// <summary>Where it was read from.</summary>
    public string Path { get; }

    /// <summary>The first 8 bytes of a SHA-256 over the key (with a label), in hex.</summary>
    public string Fingerprint { get; }

    internal ReadOnlySpan<byte> Bytes => _key;

    /// <summary>Reads a key file; null and a message naming the setting when it is missing or not a 256-bit key.</summary>
    public static (KeyRingKey? Key, string? Problem) Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            return (null, $"DataProtection:KeyFile: the file '{path}' does not exist.");
        }

        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, $"DataProtection:KeyFile: the file '{path}' cannot be read ({ex.Message}).");
        }

        if (content.Length == Size)
        {
            return (new KeyRingKey(content, path), null);
        }

        var text = Encoding.ASCII.GetString(content).Trim();
        var decoded = new byte[Size + 3];
        if (Convert.TryFromBase64String(text, decoded, out var written) && written == Size)
        {
            return (new KeyRingKey(decoded[..Size], path), null);
        }

        return (null, $"DataProtection:KeyFile: '{path}' does not hold a 256-bit key (32 bytes, or their base64 on one line; create one with: umask 077; head -c 32 /dev/urandom | base64 > keyring.key).");
    }

    /// <summary>Creates a new key file (mode 0600) with a fresh random key, base64 on one line.</summary>
    public static KeyRingKey Create(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var key = RandomNumberGenerator.GetBytes(Size);
        SecureFiles.WriteNewPrivateFile(path, Encoding.ASCII.GetBytes(Convert.ToBase64String(key) + "\n"));
        return new KeyRingKey(key, path);
    }
}
