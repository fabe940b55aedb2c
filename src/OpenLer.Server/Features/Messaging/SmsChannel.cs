namespace OpenLer.Server.Features.Messaging;

/// <summary>Phone numbers get the template's short SMS text through the configured <see cref="ISmsProvider"/>.</summary>
internal sealed class SmsChannel(ISmsProvider provider) : IMessageChannel
{
    public MessageChannel Channel => MessageChannel.Sms;

    public Task<SendResult> SendAsync(RenderedMessage message, DateTime expiresAt, CancellationToken cancellationToken) =>
        provider.SendAsync(message.Contact, message.Sms, cancellationToken);
}
