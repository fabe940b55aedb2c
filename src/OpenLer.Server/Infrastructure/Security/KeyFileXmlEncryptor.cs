using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace OpenLer.Server.Infrastructure.Security;

/// <summary>
/// Encrypts each Data Protection key (the <c>&lt;descriptor&gt;</c> element holding its master key) with AES-256-GCM
/// under the key file's key before it is stored in the database (issue 9 finding 2; SECURITY.md DR-05; ASVS 11.3.2),
/// so a copy of the database alone reveals no key. A fresh 96-bit random nonce per element (NIST SP 800-38D §8.2.2:
/// a handful of elements per key file, far below 2^32); the key file's fingerprint is the associated data.
/// </summary>
public sealed class KeyFileXmlEncryptor(KeyRingKey key) : IXmlEncryptor
{
    public static readonly XNamespace Namespace = "https://openler.org/2026/keyring";

    public static readonly XName ElementName = Namespace + "encryptedKey";

    internal const int NonceSize = 12;

    internal const int TagSize = 16;

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        var sealedBytes = new byte[plaintext.Length + TagSize];
        try
        {
            using var aes = new AesGcm(key.Bytes, TagSize);
            aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(0, plaintext.Length), sealedBytes.AsSpan(plaintext.Length), AssociatedData(key.Fingerprint));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }

        var element = new XElement(ElementName,
            new XComment(" Encrypted with AES-256-GCM under the key in DataProtection:KeyFile (fingerprint below); see docs/deploy.md. "),
            new XElement(Namespace + "keyFile", key.Fingerprint),
            new XElement(Namespace + "nonce", Convert.ToBase64String(nonce)),
            new XElement(Namespace + "ciphertext", Convert.ToBase64String(sealedBytes)));
        return new EncryptedXmlInfo(element, typeof(KeyFileXmlDecryptor));
    }

    internal static byte[] AssociatedData(string fingerprint) => Encoding.UTF8.GetBytes("OpenLER key ring v1\n" + fingerprint);
}
