using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace OpenLer.Server.Infrastructure.Security;

/// <summary>
/// Decrypts what <see cref="KeyFileXmlEncryptor"/> stored. Data Protection creates it by the type name written in the
/// stored XML (so this type's name and namespace are part of the stored data: do not rename it) with the app's
/// services, from which it takes the key file's key. Without that key (a copied database, a wrong key file) it throws
/// <see cref="CryptographicException"/>, and nothing protected with the key ring can be read.
/// </summary>
public sealed class KeyFileXmlDecryptor : IXmlDecryptor
{
    private readonly KeyRingKey? _key;

    public KeyFileXmlDecryptor(IServiceProvider services) => _key = services?.GetService(typeof(KeyRingKey)) as KeyRingKey;

    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var ns = KeyFileXmlEncryptor.Namespace;
        var fingerprint = (string?)encryptedElement.Element(ns + "keyFile");
        if (_key is null)
        {
            throw new CryptographicException(
                $"The Data Protection key ring is encrypted with a key file (fingerprint {fingerprint}), and DataProtection:KeyFile is not configured.");
        }

        if (!string.Equals(fingerprint, _key.Fingerprint, StringComparison.Ordinal))
        {
            throw new CryptographicException(
                $"The Data Protection key ring was encrypted with another key file (fingerprint {fingerprint}); DataProtection:KeyFile '{_key.Path}' has fingerprint {_key.Fingerprint}.");
        }

        byte[] nonce;
        byte[] sealedBytes;
        try
        {
            nonce = Convert.FromBase64String((string?)encryptedElement.Element(ns + "nonce") ?? "");
            sealedBytes = Convert.FromBase64String((string?)encryptedElement.Element(ns + "ciphertext") ?? "");
        }
        catch (FormatException)
        {
            throw new CryptographicException("An encrypted key ring element is malformed (base64).");
        }

        if (nonce.Length != KeyFileXmlEncryptor.NonceSize || sealedBytes.Length < KeyFileXmlEncryptor.TagSize)
        {
            throw new CryptographicException("An encrypted key ring element is malformed (nonce or ciphertext length).");
        }

        var length = sealedBytes.Length - KeyFileXmlEncryptor.TagSize;
        var plaintext = new byte[length];
        try
        {
            using var aes = new AesGcm(_key.Bytes, KeyFileXmlEncryptor.TagSize);
            aes.Decrypt(nonce, sealedBytes.AsSpan(0, length), sealedBytes.AsSpan(length), plaintext, KeyFileXmlEncryptor.AssociatedData(_key.Fingerprint));
            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
