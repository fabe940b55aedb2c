using System.IO.Compression;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Encodings;

namespace OpenLer.Credentials.Status;

/// <summary>
/// The <c>encodedList</c> codec of W3C Bitstring Status List 1.0 §2.1 / §3.1: the bitstring is GZIP-compressed and
/// encoded as multibase base64url without padding (prefix <c>u</c>). Bit 0 is the most significant bit of byte 0.
/// </summary>
public static class BitstringStatusList
{
    /// <summary>The minimum length for herd privacy (§6.1): 131,072 entries (16 KiB).</summary>
    public const int MinimumLength = 131_072;

    /// <summary>Decoded lists larger than this (bytes) are refused, so a small GZIP bomb cannot exhaust memory.</summary>
    public const int MaxDecodedBytes = 16 * 1024 * 1024;

    /// <summary>Encodes <paramref name="bits"/> as an encodedList value.</summary>
    public static string Encode(ReadOnlySpan<byte> bits)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(bits);
        }

        return Multibase.EncodeBase64Url(buffer.ToArray());
    }

    /// <summary>Decodes an encodedList value; malformed input is an error, never an exception.</summary>
    public static Outcome<byte[]> Decode(string? encodedList)
    {
        if (string.IsNullOrEmpty(encodedList) || encodedList[0] != 'u')
        {
            return Outcome.Error(ErrorCodes.StatusVerification, "encodedList must be multibase base64url (prefix 'u').");
        }

        var compressed = Multibase.Decode(encodedList);
        if (!compressed.IsSuccess)
        {
            return Outcome.Error(ErrorCodes.StatusVerification, "encodedList is not valid base64url: " + compressed.Error.Message);
        }

        return Decompress(compressed.Value, gzip: true);
    }

    /// <summary>Inflates GZIP (or zlib, for the IETF Token Status List) data with the <see cref="MaxDecodedBytes"/> bound.</summary>
    internal static Outcome<byte[]> Decompress(byte[] compressed, bool gzip)
    {
        try
        {
            using var input = new MemoryStream(compressed, writable: false);
            using Stream inflater = gzip
                ? new GZipStream(input, CompressionMode.Decompress)
                : new ZLibStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = inflater.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (output.Length + read > MaxDecodedBytes)
                {
                    return Outcome.Error(ErrorCodes.StatusVerification, $"The status list decompresses to more than {MaxDecodedBytes} bytes.");
                }

                output.Write(chunk, 0, read);
            }

            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            return Outcome.Error(ErrorCodes.StatusVerification, gzip ? "encodedList is not valid GZIP data." : "lst is not valid zlib data.");
        }
    }

    /// <summary>Reads the <paramref name="statusSize"/>-bit value at <paramref name="index"/> (MSB-first bit order).</summary>
    public static int ReadMsbFirst(ReadOnlySpan<byte> bits, long index, int statusSize = 1)
    {
        var value = 0;
        for (var i = 0; i < statusSize; i++)
        {
            var position = (index * statusSize) + i;
            var bit = (bits[(int)(position / 8)] >> (7 - (int)(position % 8))) & 1;
            value = (value << 1) | bit;
        }

        return value;
    }
}
