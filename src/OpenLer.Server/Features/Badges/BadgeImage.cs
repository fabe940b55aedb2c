using System.Security.Cryptography;

namespace OpenLer.Server.Features.Badges;

/// <summary>A program's badge as served: its bytes, media type and entity tag (a hash of the bytes).</summary>
public sealed record BadgeImage(byte[] Bytes, string MediaType, bool Uploaded)
{
    public string ETag => "\"" + Convert.ToHexStringLower(SHA256.HashData(Bytes).AsSpan(0, 16)) + "\"";
}
