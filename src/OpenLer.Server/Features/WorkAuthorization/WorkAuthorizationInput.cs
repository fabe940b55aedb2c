using System.Globalization;
using System.Text;
using OpenLer.Credentials.WorkAuthorization;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.WorkAuthorization;

/// <summary>
/// What a caseworker typed in the record form, and its validation in plain language. Nothing is guessed: a date must exist
/// (2026-02-30 does not), an EAD category must be in the Form I-765 instructions' list, an A-number must be "A" and 7-9
/// digits; an expired document is refused. Validation returns every problem at once, before anything is stored.
/// </summary>
public sealed class WorkAuthorizationInput
{
    public const int DocumentNumberMax = 20;

    public string? StatusCategory { get; set; }

    public string? DocumentType { get; set; }

    public string? EadCategory { get; set; }

    public string? DocumentNumber { get; set; }

    public string? ANumber { get; set; }

    /// <summary>yyyy-MM-dd (what a date field sends).</summary>
    public string? ValidUntil { get; set; }

    public bool NoExpiry { get; set; }

    /// <summary>yyyy-MM-dd.</summary>
    public string? SeenOn { get; set; }

    /// <summary>The caseworker confirms the document shows the person may work in the U.S.</summary>
    public bool ShowsAuthorization { get; set; }

    public override string ToString() => "WorkAuthorizationInput { protected }";

    /// <summary>The facts to record, or every problem found (the facts are null then).</summary>
    public (WorkAuthorizationFacts? Facts, IReadOnlyList<FieldError> Errors) Validate(DateOnly today, string seenBy)
    {
        var errors = new List<FieldError>();
        var status = WorkAuthorizationVocabulary.StatusCategories.Any(s => s.Code == StatusCategory) ? StatusCategory : null;
        if (status is null)
        {
            errors.Add(new("statusCategory", L.Key("Choose the person's status.")));
        }

        var document = WorkAuthorizationVocabulary.DocumentTypes.Any(d => d.Code == DocumentType) ? DocumentType : null;
        if (document is null)
        {
            errors.Add(new("documentType", L.Key("Choose the document you saw.")));
        }

        string? category = null;
        if (document == WorkAuthorizationVocabulary.Ead)
        {
            if (string.IsNullOrWhiteSpace(EadCategory))
            {
                errors.Add(new("eadCategory", L.Key("Type the category printed on the EAD card, for example A03 or C08.")));
            }
            else
            {
                var parsed = EadCategories.Parse(EadCategory);
                if (parsed.IsSuccess)
                {
                    category = parsed.Value.Code;
                }
                else
                {
                    errors.Add(new("eadCategory", parsed.Error.Code == "EAD_CATEGORY_UNKNOWN"
                        ? L.Key("This category is not in the list of the USCIS Form I-765 instructions. Check the card.")
                        : L.Key("A category is the letter A or C and a number, as printed on the card, for example A03 or C08.")));
                }
            }
        }
        else if (!string.IsNullOrWhiteSpace(EadCategory) && document is not null)
        {
            errors.Add(new("eadCategory", L.Key("Only an EAD card has a category. Leave it empty for this document.")));
        }

        string? documentNumber = null;
        if (!string.IsNullOrWhiteSpace(DocumentNumber))
        {
            documentNumber = DocumentNumberOf(DocumentNumber);
            if (documentNumber is null)
            {
                errors.Add(new("documentNumber", L.Key("A document number is 6 to 20 letters and digits.")));
            }
        }

        string? aNumber = null;
        if (!string.IsNullOrWhiteSpace(ANumber))
        {
            var parsed = ANumbers.Normalize(ANumber);
            if (parsed.IsSuccess)
            {
                aNumber = parsed.Value;
            }
            else
            {
                errors.Add(new("aNumber", L.Key("An A-number is the letter A and 7 to 9 digits, for example A123456789.")));
            }
        }

        DateOnly? validUntil = null;
        var validText = ValidUntil?.Trim();
        if (NoExpiry && !string.IsNullOrEmpty(validText))
        {
            errors.Add(new("validUntil", L.Key("Give either a date or “No end date”, not both.")));
        }
        else if (!NoExpiry)
        {
            if (string.IsNullOrEmpty(validText))
            {
                errors.Add(new("validUntil", L.Key("Give the last day the document is valid, or tick “No end date”.")));
            }
            else if (ParseDate(validText, "validUntil", errors) is { } until)
            {
                if (until < today)
                {
                    errors.Add(new("validUntil", L.Key("This document expired on {0}. It does not show that the person may work now: record a current document."), until));
                }
                else
                {
                    validUntil = until;
                }
            }
        }

        DateOnly? seenOn = null;
        var seenText = SeenOn?.Trim();
        if (string.IsNullOrEmpty(seenText))
        {
            errors.Add(new("seenOn", L.Key("Give the day you saw the document.")));
        }
        else if (ParseDate(seenText, "seenOn", errors) is { } seen)
        {
            if (seen > today)
            {
                errors.Add(new("seenOn", L.Key("The day you saw the document cannot be in the future.")));
            }
            else
            {
                seenOn = seen;
            }
        }

        if (!ShowsAuthorization)
        {
            errors.Add(new("showsAuthorization", L.Key("Record only a document that shows the person may work in the U.S., and tick the box to say so.")));
        }

        return errors.Count > 0 || status is null || document is null || seenOn is null
            ? (null, errors)
            : (new WorkAuthorizationFacts(status, document, category, documentNumber, aNumber, validUntil, seenOn.Value, seenBy), errors);
    }

    /// <summary>A date typed as year-month-day that must exist (no 30 February), or null with the problem added.</summary>
    private static DateOnly? ParseDate(string text, string field, List<FieldError> errors)
    {
        var parts = text.Split('-');
        if (parts.Length != 3 || parts[0].Length != 4 || parts[1].Length is < 1 or > 2 || parts[2].Length is < 1 or > 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var day))
        {
            errors.Add(new(field, L.Key("Type the date as year-month-day, for example 2027-06-30.")));
            return null;
        }

        if (year is < 1900 or > 2200 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            errors.Add(new(field, L.Key("This date does not exist. Check the day and the month.")));
            return null;
        }

        return new DateOnly(year, month, day);
    }

    /// <summary>Upper-case letters and digits, spaces and hyphens removed, 6 to 20 long; null otherwise.</summary>
    private static string? DocumentNumberOf(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (c is ' ' or '-')
            {
                continue;
            }

            if (!char.IsAsciiLetterOrDigit(c))
            {
                return null;
            }

            builder.Append(char.ToUpperInvariant(c));
        }

        return builder.Length is >= 6 and <= DocumentNumberMax ? builder.ToString() : null;
    }
}
