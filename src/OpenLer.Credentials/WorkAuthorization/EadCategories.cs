using System.Text;
using System.Text.RegularExpressions;
using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.WorkAuthorization;

/// <summary>One eligibility category of an Employment Authorization Document (Form I-766), as printed on the card.</summary>
/// <param name="Code">The code as the card prints it: class letter, two digits, optional suffix (A03, C08, C03C, C17iii).</param>
/// <param name="FormReference">The same category as Form I-765 writes it, e.g. "(a)(3)" or "(c)(3)(C)".</param>
/// <param name="Description">What the category is, in English (for staff; not shown to employers).</param>
public sealed record EadCategory(string Code, string FormReference, string Description);

/// <summary>
/// The EAD eligibility categories a caseworker may record, and the reading of what they type. Source: USCIS, Instructions
/// for Form I-765, Application for Employment Authorization, section "Who May File Form I-765?" (uscis.gov/i-765), whose
/// categories follow 8 CFR 274a.12(a) (authorized incident to status) and 274a.12(c) (authorized on application). Re-check
/// the table against the instructions' current edition when USCIS publishes a new one (docs/adr/work-authorization.md).
/// A code not in the table is refused: the app never guesses a category.
/// </summary>
public static partial class EadCategories
{
    /// <summary>Every category, in the order of the instructions.</summary>
    public static IReadOnlyList<EadCategory> All { get; } =
    [
        new("A02", "(a)(2)", "Lawful temporary resident"),
        new("A03", "(a)(3)", "Refugee"),
        new("A04", "(a)(4)", "Paroled as a refugee"),
        new("A05", "(a)(5)", "Asylee"),
        new("A06", "(a)(6)", "K-1 or K-2 nonimmigrant (fiancé(e) of a U.S. citizen, or their child)"),
        new("A07", "(a)(7)", "N-8 or N-9 nonimmigrant"),
        new("A08", "(a)(8)", "Citizen of Micronesia, the Marshall Islands or Palau"),
        new("A09", "(a)(9)", "K-3 or K-4 nonimmigrant"),
        new("A10", "(a)(10)", "Withholding of deportation or removal granted"),
        new("A11", "(a)(11)", "Deferred Enforced Departure"),
        new("A12", "(a)(12)", "Temporary Protected Status granted"),
        new("A13", "(a)(13)", "Family Unity Program (Immigration Act of 1990, section 301)"),
        new("A14", "(a)(14)", "LIFE Act Family Unity"),
        new("A15", "(a)(15)", "V nonimmigrant"),
        new("A16", "(a)(16)", "T-1 nonimmigrant (survivor of trafficking)"),
        new("A17", "(a)(17)", "Spouse of an E nonimmigrant"),
        new("A18", "(a)(18)", "Spouse of an L-1 nonimmigrant"),
        new("A19", "(a)(19)", "U-1 nonimmigrant (survivor of a crime)"),
        new("A20", "(a)(20)", "U-2, U-3, U-4 or U-5 nonimmigrant"),
        new("C01", "(c)(1)", "Dependent of an A-1 or A-2 foreign government official"),
        new("C02", "(c)(2)", "Dependent of a TECRO E-1 nonimmigrant"),
        new("C03A", "(c)(3)(A)", "F-1 student, practical training before completing studies"),
        new("C03B", "(c)(3)(B)", "F-1 student, practical training after completing studies"),
        new("C03C", "(c)(3)(C)", "F-1 student, STEM extension of practical training"),
        new("C03ii", "(c)(3)(ii)", "F-1 student, off-campus work for an international organization"),
        new("C03iii", "(c)(3)(iii)", "F-1 student, off-campus work for severe economic hardship"),
        new("C04", "(c)(4)", "Dependent of a G-1, G-3 or G-4 nonimmigrant"),
        new("C05", "(c)(5)", "J-2 spouse or child of an exchange visitor"),
        new("C06", "(c)(6)", "M-1 student, practical training"),
        new("C07", "(c)(7)", "Dependent of a NATO-1 to NATO-7 nonimmigrant"),
        new("C08", "(c)(8)", "Asylum or withholding of removal application pending"),
        new("C09", "(c)(9)", "Adjustment of status application pending (Form I-485)"),
        new("C10", "(c)(10)", "Suspension of deportation, cancellation of removal or NACARA relief application pending"),
        new("C11", "(c)(11)", "Parolee (urgent humanitarian reasons or significant public benefit)"),
        new("C12", "(c)(12)", "Spouse of an E-2 CNMI investor"),
        new("C14", "(c)(14)", "Deferred action"),
        new("C16", "(c)(16)", "Creation of record (registry) application pending"),
        new("C17i", "(c)(17)(i)", "B-1 personal or domestic servant of a nonimmigrant employer"),
        new("C17ii", "(c)(17)(ii)", "B-1 domestic servant of a U.S. citizen"),
        new("C17iii", "(c)(17)(iii)", "B-1 employee of a foreign airline"),
        new("C18", "(c)(18)", "Final order of removal, released on an order of supervision"),
        new("C19", "(c)(19)", "Temporary Protected Status application pending"),
        new("C20", "(c)(20)", "Legalization application pending (INA section 210)"),
        new("C21", "(c)(21)", "S nonimmigrant (witness or informant) and family"),
        new("C22", "(c)(22)", "Legalization application pending (INA section 245A)"),
        new("C24", "(c)(24)", "LIFE Act legalization application pending"),
        new("C25", "(c)(25)", "T-2 to T-6 nonimmigrant (family member of a T-1)"),
        new("C26", "(c)(26)", "H-4 spouse of an H-1B nonimmigrant"),
        new("C31", "(c)(31)", "VAWA self-petitioner (approved Form I-360)"),
        new("C33", "(c)(33)", "Deferred Action for Childhood Arrivals (DACA)"),
        new("C35", "(c)(35)", "Beneficiary of an approved employment-based immigrant petition, compelling circumstances"),
        new("C36", "(c)(36)", "Spouse or child of a (c)(35) beneficiary"),
        new("C37", "(c)(37)", "CNMI long-term resident"),
    ];

    private static readonly Dictionary<string, EadCategory> ByCode = All.ToDictionary(c => c.Code, StringComparer.Ordinal);

    /// <summary>The category with this normalized code, or null.</summary>
    public static EadCategory? Find(string? code) => code is not null && ByCode.TryGetValue(code, out var category) ? category : null;

    /// <summary>
    /// Reads a category as a caseworker types it, from the card ("A03", "c8", "C03C") or from the form ("(a)(3)", "(c)(3)(ii)"),
    /// and returns the table's entry. Errors (stable codes): <c>EAD_CATEGORY_FORMAT</c> when it is not a category code at all,
    /// <c>EAD_CATEGORY_UNKNOWN</c> when it reads as one but is not in the instructions' list.
    /// </summary>
    public static Outcome<EadCategory> Parse(string? text)
    {
        var compact = new StringBuilder();
        foreach (var c in (text ?? string.Empty).Normalize(NormalizationForm.FormKC))
        {
            if (!char.IsWhiteSpace(c) && c is not ('(' or ')' or '-' or '.' or '/'))
            {
                compact.Append(c);
            }
        }

        var match = CodePattern().Match(compact.ToString());
        if (!match.Success)
        {
            return Outcome.Error("EAD_CATEGORY_FORMAT", "An EAD category is a letter A or C and a number, as printed on the card (for example A03 or C08).");
        }

        var number = int.Parse(match.Groups["number"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var suffix = match.Groups["suffix"].Value;
        suffix = suffix.All(ch => ch is 'i' or 'I') ? suffix.ToLowerInvariant() : suffix.ToUpperInvariant();
        var code = char.ToUpperInvariant(match.Groups["class"].Value[0]) + number.ToString("D2", System.Globalization.CultureInfo.InvariantCulture) + suffix;
        return Find(code) is { } category
            ? category
            : Outcome.Error("EAD_CATEGORY_UNKNOWN", "This category is not in the list of the USCIS Form I-765 instructions.");
    }

    [GeneratedRegex("^(?<class>[AaCc])(?<number>[0-9]{1,2})(?<suffix>[iI]{1,3}|[A-Za-z])?$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
