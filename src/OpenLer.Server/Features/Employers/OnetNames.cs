using System.Globalization;
using System.Text;
using OpenLer.Credentials.Matching;
using OpenLer.Credentials.Taxonomy;
using OpenLer.Server.Features.Wallet;

namespace OpenLer.Server.Features.Employers;

/// <summary>
/// Names of O*NET skills, knowledge areas and occupations in the reader's language (the built-in translations of the 35
/// skills and the entry-level occupations), else O*NET's English, marked as English for screen readers; and the
/// no-JavaScript skill picker's search over them (name in the reader's language, English name or element ID).
/// </summary>
public static class OnetNames
{
    public static OnetDatabase Onet => OnetDatabase.BuiltIn;

    public static DisplayText Skill(string code, CultureInfo? culture = null)
    {
        var localized = SkillTaxonomy.BuiltIn.Localize(culture ?? CultureInfo.CurrentUICulture);
        if (localized.FindSkill(code) is { } skill)
        {
            return new DisplayText(skill.Name, localized.IsTranslated(code) ? null : "en");
        }

        return new DisplayText(Onet.FindElement(code)?.Name ?? code, "en");
    }

    public static DisplayText Occupation(string code, CultureInfo? culture = null)
    {
        var localized = SkillTaxonomy.BuiltIn.Localize(culture ?? CultureInfo.CurrentUICulture);
        if (localized.FindOccupation(code) is { } occupation)
        {
            return new DisplayText(occupation.Title, localized.IsTranslated(code) ? null : "en");
        }

        return new DisplayText(Onet.FindOccupation(code)?.Title ?? code, "en");
    }

    /// <summary>The skills and knowledge areas matching can use (the vocabulary), whose name or ID contains every word of the query.</summary>
    public static IReadOnlyList<OnetElement> FindSkills(string? query, int limit = 20)
    {
        var words = Fold(query).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return [];
        }

        return [.. Onet.Elements.Where(e => SkillVocabulary.Default.Contains(e.Id))
            .Where(e =>
            {
                var haystack = Fold(e.Name + " " + Skill(e.Id).Text) + " " + e.Id.ToLowerInvariant();
                return words.All(w => haystack.Contains(w, StringComparison.Ordinal));
            })
            .Take(limit)];
    }

    /// <summary>Lower case without diacritics ("Café" → "cafe"), one space between words.</summary>
    public static string Fold(string? text)
    {
        var decomposed = (text ?? "").Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(char.IsLetterOrDigit(c) || c == '.' ? char.ToLowerInvariant(c) : ' ');
        }

        return string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
