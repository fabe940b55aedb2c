using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Encodings;

/// <summary>
/// Multicodec codes for keys (multiformats table) and their unsigned-varint prefix
/// (multiformats unsigned-varint: 7 bits per byte, least significant group first, at most 9 bytes).
/// </summary>
public static class Multicodec
{
    public const ulong Ed25519Pub = 0xed;
    public const ulong X25519Pub = 0xec;
    public const ulong P256Pub = 0x1200;
    public const ulong P384Pub = 0x1201;
    public const ulong Secp256k1Pub = 0xe7;
    public const ulong Ed25519Priv = 0x1300;
    public const ulong P256Priv = 0x1306;
    public const ulong P384Priv = 0x1307;

    public static byte[] Prefix(ulong code, ReadOnlySpan<byte> data)
    {
        Span<byte> varint = stackalloc byte[10];
        var n = 0;
        var value = code;
        do
        {
            var b = (byte)(value & 0x7f);
            value >>= 7;
            varint[n++] = value != 0 ? (byte)(b | 0x80) : b;
        }
        while (value != 0);

        var result = new byte[n + data.Length];
        varint[..n].CopyTo(result);
        data.CopyTo(result.AsSpan(n));
        return result;
    }

    /// <summary>Splits a multicodec-prefixed value into its code and payload.</summary>
    public static Outcome<(ulong Code, byte[] Data)> Split(ReadOnlySpan<byte> value)
    {
        ulong code = 0;
        var shift = 0;
        for (var i = 0; i < value.Length && i < 9; i++)
        {
            var b = value[i];
            code |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                // Minimal encoding: a trailing zero group (other than for code 0) is not allowed.
                if (b == 0 && i > 0)
                {
                    return Outcome.Error(ErrorCodes.UnknownMulticodec, "Non-minimal multicodec varint.");
                }

                return (code, value[(i + 1)..].ToArray());
            }

            shift += 7;
        }

        return Outcome.Error(ErrorCodes.UnknownMulticodec, "Truncated or overlong multicodec varint.");
    }
}
