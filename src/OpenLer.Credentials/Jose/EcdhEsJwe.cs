using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Encodings;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;

namespace OpenLer.Credentials.Jose;

/// <summary>
/// JWE compact serialization (RFC 7516 §7.1) with direct key agreement ECDH-ES on P-256 (RFC 7518 §4.6) and AES-GCM
/// content encryption (A128GCM, A256GCM; RFC 7518 §5.3): the encrypted key is empty, the content key is the Concat KDF
/// (NIST SP 800-56A §5.8.1, RFC 7518 §4.6.2) of the shared secret with AlgorithmID = enc, PartyUInfo = apu, PartyVInfo = apv.
/// Decryption refuses other algorithms, compression (<c>zip</c>), critical headers, an ephemeral key that is not on P-256
/// (invalid-curve attacks), and input over the size limit; every failure is one error value.
/// </summary>
public static class EcdhEsJwe
{
    public const string Algorithm = "ECDH-ES";
    public const string A128Gcm = "A128GCM";
    public const string A256Gcm = "A256GCM";

    /// <summary>1 MiB: a presentation response with a few credentials is far below it.</summary>
    public const int DefaultMaxLength = 1024 * 1024;

    private static readonly JsonLimits HeaderLimits = new() { MaxBytes = 4096, MaxDepth = 4 };

    /// <summary>Encrypts <paramref name="plaintext"/> to the recipient's public P-256 JWK; <c>kid</c> is copied from it when present.</summary>
    public static Outcome<string> Encrypt(ReadOnlySpan<byte> plaintext, JsonObject recipientJwk, string enc = A128Gcm, string? apu = null, string? apv = null)
    {
        ArgumentNullException.ThrowIfNull(recipientJwk);
        var keyLength = KeyLength(enc);
        if (keyLength == 0)
        {
            return Outcome.Error(ErrorCodes.UnsupportedAlgorithm, "Only A128GCM and A256GCM content encryption are supported.");
        }

        if (CredentialFields.Text(recipientJwk, "alg") is { } alg && alg != Algorithm)
        {
            return Outcome.Error(ErrorCodes.UnsupportedAlgorithm, "The recipient key is not for ECDH-ES.");
        }

        var recipient = PublicKey.FromJwk(recipientJwk);
        if (!recipient.IsSuccess || recipient.Value.Type != KeyType.P256)
        {
            return Outcome.Error(ErrorCodes.InvalidJwk, "The recipient key must be a public EC P-256 JWK.");
        }

        using var ephemeral = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var epk = ephemeral.ExportParameters(includePrivateParameters: false).Q;
        var header = new JsonObject
        {
            ["alg"] = Algorithm,
            ["enc"] = enc,
            ["epk"] = new JsonObject { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = Base64Url.Encode(epk.X), ["y"] = Base64Url.Encode(epk.Y) },
        };
        if (CredentialFields.Text(recipientJwk, "kid") is { } kid)
        {
            header["kid"] = kid;
        }

        if (apu is not null)
        {
            header["apu"] = apu;
        }

        if (apv is not null)
        {
            header["apv"] = apv;
        }

        var recipientJson = recipient.Value.ToJwk();
        using var recipientKey = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url.Decode((string)recipientJson["x"]!).Value, Y = Base64Url.Decode((string)recipientJson["y"]!).Value },
        });
        var z = ephemeral.DeriveRawSecretAgreement(recipientKey.PublicKey);
        var cek = ConcatKdf(z, enc, keyLength, DecodeParty(apu), DecodeParty(apv));
        CryptographicOperations.ZeroMemory(z);

        var protectedHeader = Base64Url.Encode(Encoding.UTF8.GetBytes(StrictJson.Serialize(header)));
        var iv = new byte[12];
        RandomNumberGenerator.Fill(iv);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[16];
        using (var aes = new AesGcm(cek, 16))
        {
            aes.Encrypt(iv, plaintext, ciphertext, tag, Encoding.ASCII.GetBytes(protectedHeader));
        }

        CryptographicOperations.ZeroMemory(cek);
        return protectedHeader + ".." + Base64Url.Encode(iv) + "." + Base64Url.Encode(ciphertext) + "." + Base64Url.Encode(tag);
    }

    /// <summary>
    /// Decrypts with <paramref name="key"/>; <paramref name="allowedEnc"/> is what the recipient advertised. Returns the protected
    /// header and the plaintext.
    /// </summary>
    public static Outcome<(JsonObject Header, byte[] Plaintext)> Decrypt(string compact, EncryptionKey key, IReadOnlyCollection<string>? allowedEnc = null,
        int maxLength = DefaultMaxLength)
    {
        ArgumentNullException.ThrowIfNull(compact);
        ArgumentNullException.ThrowIfNull(key);
        if (compact.Length > maxLength)
        {
            return Fail($"The encrypted response is larger than {maxLength} characters.");
        }

        var parts = compact.Split('.');
        if (parts.Length != 5)
        {
            return Fail("Not a JWE in compact serialization (five parts).");
        }

        if (parts[1].Length != 0)
        {
            return Fail("ECDH-ES direct key agreement has an empty encrypted key.");
        }

        if (parts[0].Length > HeaderLimits.MaxBytes * 2)
        {
            return Fail("The JWE header is too large.");
        }

        var headerBytes = Base64Url.Decode(parts[0]);
        var iv = Base64Url.Decode(parts[2]);
        var ciphertext = Base64Url.Decode(parts[3]);
        var tag = Base64Url.Decode(parts[4]);
        if (!headerBytes.IsSuccess || !iv.IsSuccess || !ciphertext.IsSuccess || !tag.IsSuccess || iv.Value.Length != 12 || tag.Value.Length != 16)
        {
            return Fail("A JWE part is not base64url, or the IV / tag has the wrong length.");
        }

        var header = StrictJson.ParseObject(headerBytes.Value, HeaderLimits);
        if (!header.IsSuccess)
        {
            return Fail("The JWE header is not a JSON object.");
        }

        var h = header.Value;
        if (h.ContainsKey("crit") || h.ContainsKey("zip"))
        {
            return Fail("Critical headers and compression are not accepted.");
        }

        if (CredentialFields.Text(h, "alg") != Algorithm)
        {
            return Outcome.Error(ErrorCodes.UnsupportedAlgorithm, "The JWE alg must be ECDH-ES.");
        }

        var enc = CredentialFields.Text(h, "enc");
        var keyLength = KeyLength(enc);
        if (keyLength == 0 || (allowedEnc is not null && !allowedEnc.Contains(enc!)))
        {
            return Outcome.Error(ErrorCodes.UnsupportedAlgorithm, "The JWE enc is not one the recipient accepts.");
        }

        if (CredentialFields.Text(h, "kid") is { } kid && key.KeyId.Length > 0 && kid != key.KeyId)
        {
            return Fail("The JWE was encrypted to another key (kid).");
        }

        // The ephemeral key must be a point on P-256 (RFC 7518 §4.6 / invalid-curve attack): PublicKey checks the curve equation.
        if (h["epk"] is not JsonObject epk || CredentialFields.Text(epk, "kty") != "EC" || CredentialFields.Text(epk, "crv") != "P-256"
            || !PublicKey.FromJwk(epk).IsSuccess)
        {
            return Fail("The JWE's epk is not a public EC P-256 key on the curve.");
        }

        var apu = Party(h, "apu");
        var apv = Party(h, "apv");
        if (apu is null || apv is null)
        {
            return Fail("apu / apv must be base64url.");
        }

        byte[] z;
        using (var ephemeral = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = Base64Url.Decode(CredentialFields.Text(epk, "x")).Value, Y = Base64Url.Decode(CredentialFields.Text(epk, "y")).Value },
        }))
        {
            try
            {
                z = key.Agree(ephemeral.PublicKey);
            }
            catch (CryptographicException)
            {
                return Fail("Key agreement failed.");
            }
        }

        var cek = ConcatKdf(z, enc!, keyLength, apu, apv);
        CryptographicOperations.ZeroMemory(z);
        var plaintext = new byte[ciphertext.Value.Length];
        try
        {
            using var aes = new AesGcm(cek, 16);
            aes.Decrypt(iv.Value, ciphertext.Value, tag.Value, plaintext, Encoding.ASCII.GetBytes(parts[0]));
        }
        catch (AuthenticationTagMismatchException)
        {
            return Fail("The JWE does not decrypt: it was changed, or encrypted to another key.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(cek);
        }

        return (h, plaintext);
    }

    private static int KeyLength(string? enc) => enc switch
    {
        A128Gcm => 16,
        A256Gcm => 32,
        _ => 0,
    };

    private static byte[]? Party(JsonObject header, string name)
    {
        if (header[name] is null)
        {
            return [];
        }

        var text = CredentialFields.Text(header, name);
        if (text is null || text.Length > 512)
        {
            return null;
        }

        var decoded = Base64Url.Decode(text);
        return decoded.IsSuccess ? decoded.Value : null;
    }

    private static byte[] DecodeParty(string? value) =>
        value is null ? [] : Base64Url.Decode(value) is { IsSuccess: true } d ? d.Value : throw new ArgumentException("apu/apv must be base64url.", nameof(value));

    /// <summary>Concat KDF with SHA-256, one round (the key is at most 256 bits).</summary>
    internal static byte[] ConcatKdf(byte[] z, string enc, int keyLength, byte[] apu, byte[] apv)
    {
        var algorithmId = Encoding.ASCII.GetBytes(enc);
        using var buffer = new MemoryStream();
        Span<byte> four = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(four, 1);
        buffer.Write(four);
        buffer.Write(z);
        foreach (var part in new[] { algorithmId, apu, apv })
        {
            BinaryPrimitives.WriteInt32BigEndian(four, part.Length);
            buffer.Write(four);
            buffer.Write(part);
        }

        BinaryPrimitives.WriteInt32BigEndian(four, keyLength * 8);
        buffer.Write(four);
        var digest = SHA256.HashData(buffer.ToArray());
        var key = digest[..keyLength];
        CryptographicOperations.ZeroMemory(digest);
        return key;
    }

    private static CredentialError Fail(string message) => new(ErrorCodes.MalformedJws, message);
}
