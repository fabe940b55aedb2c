using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Encodings;
using OpenLer.Credentials.Jose;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;

namespace OpenLer.Credentials.Status;

/// <summary>
/// Publishes a <see cref="StatusListState"/> as an IETF Token Status List (draft-ietf-oauth-status-list): a JWT with typ
/// <c>statuslist+jwt</c>, <c>sub</c> = the list URI, and <c>status_list</c> {bits, lst}. A revocation list uses 1 bit
/// (1 = INVALID); a suspension list uses 2 bits (2 = SUSPENDED). SD-JWT VCs reference it with
/// <see cref="Reference"/>. Re-sign after every change, like the W3C list.
/// </summary>
public sealed class TokenStatusListBuilder(TimeProvider timeProvider)
{
    /// <summary>The JWT <c>typ</c> of a Status List Token (draft-ietf-oauth-status-list §5.1).</summary>
    public const string TokenType = "statuslist+jwt";

    public TokenStatusListBuilder()
        : this(TimeProvider.System)
    {
    }

    /// <summary>The <c>status</c> claim of an SD-JWT VC whose status is at <paramref name="index"/> of <paramref name="state"/>.</summary>
    public static JsonObject Reference(StatusListState state, int index)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)state.Length, nameof(index));
        return new JsonObject { ["status_list"] = new JsonObject { ["idx"] = index, ["uri"] = state.ListCredentialId } };
    }

    /// <summary>The signed Status List Token, valid for <paramref name="validity"/> (no exp when null); <paramref name="keyId"/> names the issuer's key.</summary>
    public string BuildSigned(StatusListState state, KeyPair key, string keyId, TimeSpan? validity = null, TimeSpan? ttl = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        var now = timeProvider.GetUtcNow();
        var payload = new JsonObject
        {
            ["sub"] = state.ListCredentialId,
            ["iat"] = now.ToUnixTimeSeconds(),
        };
        if (validity is { } v)
        {
            payload["exp"] = (now + v).ToUnixTimeSeconds();
        }

        if (ttl is { } t)
        {
            payload["ttl"] = (long)t.TotalSeconds;
        }

        var bits = state.Purpose == StatusPurpose.Revocation ? 1 : 2;
        payload["status_list"] = new JsonObject { ["bits"] = bits, ["lst"] = Base64Url.Encode(Compress(Statuses(state, bits))) };
        return JwsSigner.Sign(new JsonObject { ["typ"] = TokenType, ["kid"] = keyId }, Encoding.UTF8.GetBytes(StrictJson.Serialize(payload)), key);
    }

    /// <summary>The status values, LSB first: index i occupies bits [i*bits, (i+1)*bits) counted from the least significant bit of byte 0.</summary>
    private static byte[] Statuses(StatusListState state, int bits)
    {
        var msbFirst = state.Snapshot().Bits;
        var value = bits == 1 ? 1 : 2;
        var statuses = new byte[state.Length * bits / 8];
        for (var i = 0; i < state.Length; i++)
        {
            if ((msbFirst[i >> 3] & (0x80 >> (i & 7))) != 0)
            {
                var position = i * bits;
                statuses[position >> 3] |= (byte)(value << (position & 7));
            }
        }

        return statuses;
    }

    private static byte[] Compress(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var zlib = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return buffer.ToArray();
    }
}
