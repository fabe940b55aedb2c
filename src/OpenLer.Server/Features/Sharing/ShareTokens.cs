using System.Security.Cryptography;
using System.Text;
using OpenLer.Credentials.Encodings;

namespace OpenLer.Server.Features.Sharing;

/// <summary>Share tokens: 256 random bits, base64url; the database keeps only their SHA-256 hash.</summary>
public static class ShareTokens
{
    public static string Create() => Base64Url.Encode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token ?? "")));
}
