using System.Buffers;
using System.Text.Encodings.Web;

namespace OpenLer.Server.Infrastructure.Security;

/// <summary>
/// The app's HTML encoder: the configured encoder, except that bidirectional embedding, override and isolate controls
/// (U+202A-202E, U+2066-2069) are dropped from everything Razor writes (text and attribute values). Encoding them as
/// character references would not help (the browser decodes them back), so a name like "\u202Egnp.exe" can never
/// reorder text on any page, whoever typed it and wherever it came from (SECURITY.md CP-18).
/// </summary>
public sealed class BidiSafeHtmlEncoder(HtmlEncoder inner) : HtmlEncoder
{
    private static readonly SearchValues<char> Bidi = SearchValues.Create("\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    public override int MaxOutputCharactersPerInputCharacter => inner.MaxOutputCharactersPerInputCharacter;

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        var bidi = new ReadOnlySpan<char>(text, textLength).IndexOfAny(Bidi);
        var other = inner.FindFirstCharacterToEncode(text, textLength);
        return bidi < 0 ? other : other < 0 ? bidi : Math.Min(bidi, other);
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        if (UserText.IsBidiControl(unicodeScalar))
        {
            numberOfCharactersWritten = 0;
            return true;
        }

        return inner.TryEncodeUnicodeScalar(unicodeScalar, buffer, bufferLength, out numberOfCharactersWritten);
    }

    public override bool WillEncode(int unicodeScalar) => UserText.IsBidiControl(unicodeScalar) || inner.WillEncode(unicodeScalar);

    public override int FindFirstCharacterToEncodeUtf8(ReadOnlySpan<byte> utf8Text)
    {
        var other = inner.FindFirstCharacterToEncodeUtf8(utf8Text);
        var bidi = FirstBidiUtf8(utf8Text);
        return bidi < 0 ? other : other < 0 ? bidi : Math.Min(bidi, other);
    }

    /// <summary>U+202A-202E are E2 80 AA-AE in UTF-8, U+2066-2069 are E2 81 A6-A9.</summary>
    private static int FirstBidiUtf8(ReadOnlySpan<byte> utf8)
    {
        for (var i = utf8.IndexOf((byte)0xE2); i >= 0 && i + 2 < utf8.Length; i = NextLead(utf8, i))
        {
            if ((utf8[i + 1] == 0x80 && utf8[i + 2] is >= 0xAA and <= 0xAE) || (utf8[i + 1] == 0x81 && utf8[i + 2] is >= 0xA6 and <= 0xA9))
            {
                return i;
            }
        }

        return -1;
    }

    private static int NextLead(ReadOnlySpan<byte> utf8, int current)
    {
        var next = utf8[(current + 1)..].IndexOf((byte)0xE2);
        return next < 0 ? -1 : current + 1 + next;
    }
}
