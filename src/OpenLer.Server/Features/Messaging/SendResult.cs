namespace OpenLer.Server.Features.Messaging;

/// <summary>What a channel says about one attempt: sent, worth retrying, or refused for good, with a stable error code.</summary>
public readonly record struct SendResult(SendStatus Status, string? Error)
{
    public static SendResult Sent { get; } = new(SendStatus.Sent, null);

    public static SendResult Transient(string error) => new(SendStatus.Transient, error);

    public static SendResult Permanent(string error) => new(SendStatus.Permanent, error);
}

/// <summary>The three answers a channel can give.</summary>
public enum SendStatus
{
    Sent,
    Transient,
    Permanent,
}
