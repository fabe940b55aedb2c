using System.Text;
using OpenLer.Credentials.Common;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Issuance.Bulk;

/// <summary>
/// The text of an uploaded CSV file, whatever the spreadsheet saved it as: UTF-8 with or without a byte order mark,
/// UTF-16 (little or big endian, with a byte order mark, or without one when every other byte is zero), and otherwise
/// Windows-1252 (Excel's "CSV" on Western European Windows), which the preview names so staff can check the names read right.
/// </summary>
public static class CsvText
{
    /// <summary>The text and the encoding it was read as ("UTF-8", "UTF-16", "Windows-1252").</summary>
    public sealed record Decoded(string Text, string Encoding);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Outcome<Decoded> Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0)
        {
            return Outcome.Error("EMPTY", L.Key("The file is empty."));
        }

        string text;
        string name;
        try
        {
            if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                (text, name) = (StrictUtf8.GetString(bytes[3..]), "UTF-8");
            }
            else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            {
                (text, name) = (Utf16(bytes[2..], bigEndian: false), "UTF-16");
            }
            else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            {
                (text, name) = (Utf16(bytes[2..], bigEndian: true), "UTF-16");
            }
            else if (LooksLikeUtf16(bytes, out var bigEndian))
            {
                (text, name) = (Utf16(bytes, bigEndian), "UTF-16");
            }
            else if (IsUtf8(bytes))
            {
                (text, name) = (StrictUtf8.GetString(bytes), "UTF-8");
            }
            else
            {
                (text, name) = (Windows1252.GetString(bytes), "Windows-1252");
            }
        }
        catch (DecoderFallbackException)
        {
            return Outcome.Error("ENCODING", L.Key("We could not read the characters of this file. In your spreadsheet, save it as CSV UTF-8 and upload it again."));
        }

        // A NUL or other control character (other than tab and line breaks) means this is not a text file.
        foreach (var c in text)
        {
            if (c < ' ' && c is not ('\t' or '\r' or '\n'))
            {
                return Outcome.Error("ENCODING", L.Key("We could not read the characters of this file. In your spreadsheet, save it as CSV UTF-8 and upload it again."));
            }
        }

        return new Decoded(text, name);
    }

    private static Encoding Windows1252
    {
        get
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(1252, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
    }

    private static string Utf16(ReadOnlySpan<byte> bytes, bool bigEndian) =>
        new UnicodeEncoding(bigEndian, byteOrderMark: false, throwOnInvalidBytes: true).GetString(bytes);

    private static bool IsUtf8(ReadOnlySpan<byte> bytes) => System.Text.Unicode.Utf8.IsValid(bytes);

    /// <summary>UTF-16 without a byte order mark: an even length and zero bytes in every other position of the first line.</summary>
    private static bool LooksLikeUtf16(ReadOnlySpan<byte> bytes, out bool bigEndian)
    {
        bigEndian = false;
        if (bytes.Length < 4 || bytes.Length % 2 != 0)
        {
            return false;
        }

        var sample = bytes[..Math.Min(bytes.Length, 200)];
        int evenZeros = 0, oddZeros = 0;
        for (var i = 0; i < sample.Length; i++)
        {
            if (sample[i] == 0)
            {
                if (i % 2 == 0)
                {
                    evenZeros++;
                }
                else
                {
                    oddZeros++;
                }
            }
        }

        var half = sample.Length / 2;
        bigEndian = evenZeros > oddZeros;
        return Math.Max(evenZeros, oddZeros) >= half * 3 / 4 && Math.Min(evenZeros, oddZeros) == 0;
    }
}
