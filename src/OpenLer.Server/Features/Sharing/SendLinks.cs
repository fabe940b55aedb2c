namespace OpenLer.Server.Features.Sharing;

/// <summary>
/// The ways to send a link from a phone, each a plain link that opens the person's own app with the message written in
/// their language: WhatsApp's click-to-chat (<c>https://wa.me/?text=</c>), an SMS (RFC 5724 <c>sms:</c> with a body;
/// <c>?&amp;body=</c> is the form both Android and iOS read) and an e-mail (RFC 6068 <c>mailto:</c> with subject and body).
/// Every value is percent-encoded (RFC 3986 §2.1), so the link's own characters and the message's spaces and accents
/// arrive unchanged.
/// </summary>
public sealed record SendLinks(string Link, string Message, string Subject)
{
    /// <summary>Builds the links for <paramref name="link"/>; <paramref name="message"/> already holds the link.</summary>
    public static SendLinks For(string link, string message, string subject)
    {
        ArgumentException.ThrowIfNullOrEmpty(link);
        ArgumentException.ThrowIfNullOrEmpty(message);
        ArgumentException.ThrowIfNullOrEmpty(subject);
        return new SendLinks(link, message, subject);
    }

    public string WhatsApp => "https://wa.me/?text=" + Uri.EscapeDataString(Message);

    public string Sms => "sms:?&body=" + Uri.EscapeDataString(Message);

    public string Email => "mailto:?subject=" + Uri.EscapeDataString(Subject) + "&body=" + Uri.EscapeDataString(Message);
}
