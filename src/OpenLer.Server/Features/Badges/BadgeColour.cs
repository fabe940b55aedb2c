using System.Buffers;
using System.Globalization;

namespace OpenLer.Server.Features.Badges;

/// <summary>The colour of a generated badge: exactly <c>#rrggbb</c> (what an HTML colour input sends), lower-case.</summary>
public static class BadgeColour
{
    public const string Default = "#1f5f99";

    private static readonly SearchValues<char> Hex = SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>The colour in its stored form, or null when <paramref name="value"/> is not #rrggbb.</summary>
    public static string? Parse(string? value)
    {
        var v = value?.Trim();
        return v is { Length: 7 } && v[0] == '#' && !v.AsSpan(1).ContainsAnyExcept(Hex)
            ? v.ToLowerInvariant()
            : null;
    }

    /// <summary>Black or white, whichever reads better on <paramref name="colour"/> (WCAG 2.2 relative luminance).</summary>
    public static string TextOn(string colour)
    {
        var c = Parse(colour) ?? Default;
        double Channel(int at)
        {
            var s = int.Parse(c.AsSpan(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return s <= 0.04045 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
        }

        var luminance = (0.2126 * Channel(1)) + (0.7152 * Channel(3)) + (0.0722 * Channel(5));

        // Contrast with white (1.05 / (L + 0.05)) against contrast with black ((L + 0.05) / 0.05).
        return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 ? "#ffffff" : "#111111";
    }
}
