namespace OpenLer.Server.Features.Messaging;

/// <summary>
/// Delivers rendered messages of one <see cref="MessageChannel"/>. Implementations never log or throw with the contact, the
/// body or a server's answer text; they map every failure to a <see cref="SendResult"/> with a stable code.
/// </summary>
internal interface IMessageChannel
{
    MessageChannel Channel { get; }

    /// <summary>The outcome written to the delivery record when this channel accepts a message.</summary>
    DeliveryOutcome SentOutcome => DeliveryOutcome.Sent;

    Task<SendResult> SendAsync(RenderedMessage message, DateTime expiresAt, CancellationToken cancellationToken);
}
