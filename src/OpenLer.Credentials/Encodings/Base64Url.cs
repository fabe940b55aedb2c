using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Encodings;

/// <summary>Unpadded base64url (RFC 4648 §5) as JOSE uses it (RFC 7515 §2).</summary>
public static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> data) => System.Buffers.Text.Base64Url.EncodeToString(data);

    /// <summary>Decodes strictly: no padding, no whitespace, only the base64url alphabet, canonical trailing bits.</summary>
    public static Outcome<byte[]> Decode(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!(c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_'))
            {
                return Outcome.Error(ErrorCodes.MalformedValue, "Not base64url: unexpected character.");
            }
        }

        if (text.Length % 4 == 1)
        {
            return Outcome.Error(ErrorCodes.MalformedValue, "Not base64url: impossible length.");
        }

        byte[] bytes;
        try
        {
            bytes = System.Buffers.Text.Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return Outcome.Error(ErrorCodes.MalformedValue, "Not base64url.");
        }

        // Reject non-canonical encodings (unused trailing bits set): one value, one encoding.
        if (text.Length % 4 != 0 && !text.SequenceEqual(Encode(bytes)))
        {
            return Outcome.Error(ErrorCodes.MalformedValue, "Not canonical base64url.");
        }

        return bytes;
    }
}
