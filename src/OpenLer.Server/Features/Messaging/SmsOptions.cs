namespace OpenLer.Server.Features.Messaging;

/// <summary>
/// SMS through a Twilio-style REST API (section OpenLer:Messaging:Sms): <c>POST {BaseUrl}/2010-04-01/Accounts/{AccountSid}/Messages.json</c>
/// with HTTP basic authentication (AccountSid, AuthToken) and a sender number (From) or a messaging service (MessagingServiceSid).
/// </summary>
public sealed class SmsOptions
{
    public string BaseUrl { get; set; } = "https://api.twilio.com";
    public string? AccountSid { get; set; }
    public string? AuthToken { get; set; }

    /// <summary>The sending number in E.164.</summary>
    public string? From { get; set; }

    /// <summary>A messaging service that chooses the sender (used instead of <see cref="From"/> when set).</summary>
    public string? MessagingServiceSid { get; set; }
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An account, its token and a sender are set.</summary>
    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(AccountSid) && !string.IsNullOrWhiteSpace(AuthToken)
        && (!string.IsNullOrWhiteSpace(From) || !string.IsNullOrWhiteSpace(MessagingServiceSid));

    internal bool IsMentioned =>
        !string.IsNullOrWhiteSpace(AccountSid) || !string.IsNullOrWhiteSpace(AuthToken) || !string.IsNullOrWhiteSpace(From) || !string.IsNullOrWhiteSpace(MessagingServiceSid);
}
