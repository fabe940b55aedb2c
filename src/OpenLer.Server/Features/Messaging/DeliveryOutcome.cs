namespace OpenLer.Server.Features.Messaging;

/// <summary>How a message's delivery ended.</summary>
public enum DeliveryOutcome
{
    /// <summary>Accepted by the SMTP server or the SMS provider.</summary>
    Sent,

    /// <summary>Demo mode: kept in the demo outbox until it expires instead of being sent.</summary>
    DemoOutbox,

    /// <summary>Still undelivered when it stopped being useful; never sent later.</summary>
    Expired,

    /// <summary>Refused for good (a permanent error, or too many attempts).</summary>
    Failed,
}
