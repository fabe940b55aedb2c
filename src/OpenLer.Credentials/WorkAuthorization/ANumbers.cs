using System.Text;
using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.WorkAuthorization;

/// <summary>
/// USCIS numbers (A-numbers): the letter A and 7 to 9 digits. Stored and compared in one form, "A" and nine digits, with
/// leading zeros added to a shorter number as the USCIS forms ask ("add zeros before the first digit to make it 9 digits").
/// Spaces, hyphens and dots between the digits are ignored; Arabic-Indic and Persian digits are read as digits. Nothing
/// else is guessed: a number without the letter A, or with fewer than 7 or more than 9 digits, is refused.
/// </summary>
public static class ANumbers
{
    /// <summary>The normalized A-number, or an error with the stable code <c>A_NUMBER_FORMAT</c>.</summary>
    public static Outcome<string> Normalize(string? text)
    {
        var digits = new StringBuilder();
        var seenLetter = false;
        foreach (var c in (text ?? string.Empty).Normalize(NormalizationForm.FormKC).Trim())
        {
            if (!seenLetter)
            {
                if (c is 'A' or 'a')
                {
                    seenLetter = true;
                    continue;
                }

                return Error();
            }

            if (char.IsWhiteSpace(c) || c is '-' or '.')
            {
                continue;
            }

            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= '\u0660' and <= '\u0669' => c - '\u0660',
                >= '\u06F0' and <= '\u06F9' => c - '\u06F0',
                _ => -1,
            };
            if (digit < 0)
            {
                return Error();
            }

            digits.Append((char)('0' + digit));
        }

        return seenLetter && digits.Length is >= 7 and <= 9 ? "A" + digits.ToString().PadLeft(9, '0') : Error();
    }

    private static Outcome<string> Error() =>
        Outcome.Error("A_NUMBER_FORMAT", "An A-number is the letter A and 7 to 9 digits, for example A123456789.");
}
