using OpenLer.Server.Data;

namespace OpenLer.Server.Features.Messaging;

/// <summary>Demo mode's only channel: the message goes to the demo outbox (encrypted, kept until it expires) instead of a phone or mailbox.</summary>
internal sealed class DemoOutboxChannel(MessageChannel channel, AppDbContext db, MessageProtection protection, TimeProvider time) : IMessageChannel
{
    public MessageChannel Channel => channel;

    public DeliveryOutcome SentOutcome => DeliveryOutcome.DemoOutbox;

    public async Task<SendResult> SendAsync(RenderedMessage message, DateTime expiresAt, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var shown = new DemoMessage(message.Kind, channel, message.Contact, message.Language.Code,
            channel == MessageChannel.Email ? message.Subject : null,
            channel == MessageChannel.Email ? message.TextBody : message.Sms,
            message.Code, now, expiresAt);
        db.Set<DemoOutboxEntry>().Add(new DemoOutboxEntry
        {
            Id = Guid.NewGuid(),
            CreatedAt = now,
            ExpiresAt = expiresAt,
            Payload = protection.ProtectDemo(shown),
        });
        await db.SaveChangesAsync(cancellationToken);
        return SendResult.Sent;
    }
}
