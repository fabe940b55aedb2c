using System.Globalization;
using System.Text;

namespace OpenLer.Server.Infrastructure;

/// <summary>
/// Search over short texts held in memory (names, skill names): both sides folded (compatibility decomposition without
/// combining marks, lower case, every run of other characters as one space); every word typed must start a word of the
/// text, in any order.
/// </summary>
public static class SearchText
{
    /// <summary>Whether <paramref name="text"/> matches the typed <paramref name="query"/> (an empty query matches everything).</summary>
    public static bool Matches(string text, string? query)
    {
        var words = Fold(query).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return true;
        }

        var parts = Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.All(w => parts.Any(p => p.StartsWith(w, StringComparison.Ordinal)));
    }

    /// <summary>The folded form used on both sides of a match.</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        string decomposed;
        try
        {
            decomposed = text.Normalize(NormalizationForm.FormKD);
        }
        catch (ArgumentException)
        {
            decomposed = text;
        }

        var builder = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                if (space && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else
            {
                space = true;
            }
        }

        return builder.ToString();
    }
}
