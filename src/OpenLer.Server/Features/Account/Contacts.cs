using System.Net.Mail;
using System.Text;
using PhoneNumbers;

namespace OpenLer.Server.Features.Account;

/// <summary>A contact in its one stored form: a lower-case e-mail address, or a phone number in E.164 (+15205550142).</summary>
public sealed record Contact(string Value, string Kind)
{
    public bool IsEmail => Kind == ContactKinds.Email;
}

/// <summary>
/// Normalizes what people type as an e-mail address or a phone number, so the same person is found however they type
/// it: "+1 520 555 0142", "(520) 555-0142", "520.555.0142", "5205550142" and "١٢٣" digits all become one E.164 number
/// (libphonenumber, with the site's region for numbers without a country code).
/// </summary>
public static class Contacts
{
    public const int MaxLength = 254;
    public const string DefaultRegion = "US";
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    /// <summary>The normalized contact, or null when the text is neither a valid e-mail address nor a valid phone number.</summary>
    public static Contact? Normalize(string? text, string? region = null)
    {
        var trimmed = AsciiDigits((text ?? "").Trim());
        if (trimmed.Length is 0 or > MaxLength)
        {
            return null;
        }

        if (trimmed.Contains('@', StringComparison.Ordinal))
        {
            return IsEmail(trimmed) ? new Contact(trimmed.ToLowerInvariant(), ContactKinds.Email) : null;
        }

        if (trimmed.Any(char.IsLetter) && !trimmed.Contains("ext", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var number = Phones.Parse(trimmed, string.IsNullOrWhiteSpace(region) ? DefaultRegion : region);
            return Phones.IsValidNumber(number) ? new Contact(Phones.Format(number, PhoneNumberFormat.E164), ContactKinds.Phone) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>Whether <paramref name="region"/> is a two-letter region libphonenumber knows (ISO 3166-1 alpha-2, e.g. "US").</summary>
    public static bool IsRegion(string? region) => region is { Length: 2 } && Phones.GetSupportedRegions().Contains(region);

    /// <summary>A contact shown to staff: the phone number in international format, the e-mail address as is.</summary>
    public static string Display(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        if (!normalized.StartsWith('+'))
        {
            return normalized;
        }

        try
        {
            return Phones.Format(Phones.Parse(normalized, null), PhoneNumberFormat.INTERNATIONAL);
        }
        catch (NumberParseException)
        {
            return normalized;
        }
    }

    private static bool IsEmail(string text)
    {
        if (text.Any(char.IsWhiteSpace) || text.Count(c => c == '@') != 1 || text.StartsWith('@') || text.EndsWith('@'))
        {
            return false;
        }

        var domain = text[(text.IndexOf('@', StringComparison.Ordinal) + 1)..];
        return domain.Contains('.', StringComparison.Ordinal) && !domain.StartsWith('.') && !domain.EndsWith('.')
            && MailAddress.TryCreate(text, out var address) && address.Address == text;
    }

    /// <summary>Arabic-Indic (U+0660-0669) and Persian (U+06F0-06F9) digits to ASCII, so phone numbers typed on those keyboards parse.</summary>
    public static string AsciiDigits(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(c => c is >= '\u0660' and <= '\u0669' or >= '\u06F0' and <= '\u06F9'))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                >= '\u0660' and <= '\u0669' => (char)('0' + (c - '\u0660')),
                >= '\u06F0' and <= '\u06F9' => (char)('0' + (c - '\u06F0')),
                _ => c,
            });
        }

        return builder.ToString();
    }
}
