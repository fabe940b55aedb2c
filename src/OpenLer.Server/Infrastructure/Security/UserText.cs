using System.Buffers;
using System.Text;

namespace OpenLer.Server.Infrastructure.Security;

/// <summary>
/// Cleaning of text people type before it is stored: bidirectional embedding, override and isolate controls
/// (U+202A-202E, U+2066-2069, SECURITY.md CP-18: "\u202Egnp.exe" shows as "exe.png"), other control characters
/// except tab and line breaks (PostgreSQL refuses U+0000 outright), and unpaired surrogates are removed or replaced.
/// Joiners (U+200C ZWNJ, U+200D ZWJ) stay: Persian, Dari and Arabic text needs them. Display is protected separately by
/// the app's HTML encoder (<see cref="BidiSafeHtmlEncoder"/>), so old or imported text is safe too.
/// </summary>
public static class UserText
{
    private static readonly SearchValues<char> Removed = SearchValues.Create(
        "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069" +
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F");

    private static readonly SearchValues<char> Bidi = SearchValues.Create("\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    /// <summary>True for the explicit bidirectional formatting characters (Unicode UAX #9 §2.1-2.4).</summary>
    public static bool IsBidiControl(int codePoint) => codePoint is (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069);

    public static bool ContainsBidiControls(string? text) => text is not null && text.AsSpan().ContainsAny(Bidi);

    /// <summary>The text without the characters above (null stays null); unchanged text is returned as is.</summary>
    public static string? Clean(string? text)
    {
        if (string.IsNullOrEmpty(text) || (!text.AsSpan().ContainsAny(Removed) && !HasSurrogates(text) && !HasC1(text)))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                builder.Append('\uFFFD');
            }
            else if (!Removed.Contains(c) && c is not (>= '\u0080' and <= '\u009F'))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static bool HasSurrogates(string text) => text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0;

    private static bool HasC1(string text) => text.AsSpan().IndexOfAnyInRange('\u0080', '\u009F') >= 0;
}
