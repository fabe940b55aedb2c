using System.Text.RegularExpressions;

namespace OpenLer.Server.Features.Messaging;

/// <summary>Which channel a contact calls for: a normalized e-mail address (e-mail) or an E.164 phone number (SMS, ITU-T E.164 §6: at most 15 digits).</summary>
public static partial class MessageContacts
{
    private const int MaxEmailLength = 254;

    /// <summary>The channel for a contact, or null when it is neither a normalized e-mail address nor an E.164 number.</summary>
    public static MessageChannel? ChannelOf(string? contact)
    {
        if (string.IsNullOrEmpty(contact))
        {
            return null;
        }

        if (E164().IsMatch(contact))
        {
            return MessageChannel.Sms;
        }

        return IsNormalizedEmail(contact) ? MessageChannel.Email : null;
    }

    /// <summary>An address as the account code stores it: trimmed, lower case, one @, no spaces or control characters.</summary>
    private static bool IsNormalizedEmail(string contact) =>
        contact.Length <= MaxEmailLength
        && string.Equals(contact, contact.Trim().ToLowerInvariant(), StringComparison.Ordinal)
        && contact.Count(c => c == '@') == 1
        && !contact.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or '"' or ',' or ';')
        && System.Net.Mail.MailAddress.TryCreate(contact, out var parsed)
        && string.Equals(parsed.Address, contact, StringComparison.Ordinal)
        && parsed.Host.Contains('.', StringComparison.Ordinal);

    [GeneratedRegex(@"^\+[1-9][0-9]{6,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164();
}
