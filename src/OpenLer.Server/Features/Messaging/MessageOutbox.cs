using OpenLer.Credentials.Common;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Messaging;

/// <summary>
/// The queue's front door: checks a message, encrypts its contact and values, saves one row and wakes the dispatcher. No
/// rendering, no network: the cost is the same small write for every message.
/// </summary>
internal sealed class MessageOutbox(AppDbContext db, MessageProtection protection, DispatchSignal signal, TimeProvider time, ILogger<MessageOutbox> logger) : IMessageOutbox
{
    /// <summary>Longest accepted value (an organization's or credential's name, a link).</summary>
    public const int MaxValueLength = 500;

    /// <summary>Longest accepted lifetime: nothing is worth delivering after a month.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(31);

    public async Task<Outcome<Guid>> EnqueueAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Check(message) is { } error)
        {
            // The error names the rule broken, never the contact or a value.
            logger.LogWarning("Message of kind {Kind} refused: {Error}", message.Kind, error.Code);
            return error;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var payload = new MessagePayload(message.Contact, Languages.IsSupported(message.Language) ? Languages.Find(message.Language).Code : message.Language.Trim().ToLowerInvariant(),
            new Dictionary<string, string>(message.Values, StringComparer.Ordinal));
        var row = new QueuedMessage
        {
            Id = Guid.NewGuid(),
            Kind = message.Kind,
            Channel = MessageContacts.ChannelOf(message.Contact)!.Value,
            Payload = protection.ProtectPayload(payload),
            CreatedAt = now,
            ExpiresAt = now + message.ValidFor,
            NextAttemptAt = now,
        };
        db.Set<QueuedMessage>().Add(row);
        await db.SaveChangesAsync(cancellationToken);
        signal.Wake();
        return row.Id;
    }

    private static CredentialError? Check(OutgoingMessage message)
    {
        if (!Enum.IsDefined(message.Kind))
        {
            return new CredentialError("messaging.kind", "The message kind is not one of MessageKind's members.");
        }

        if (MessageContacts.ChannelOf(message.Contact) is null)
        {
            return new CredentialError("messaging.contact", "The contact is neither a normalized e-mail address nor a phone number in E.164 form (+ and up to 15 digits).");
        }

        if (string.IsNullOrWhiteSpace(message.Language) || message.Language.Length > 16)
        {
            return new CredentialError("messaging.language", "The language must be a language code such as en, es or ar.");
        }

        if (message.ValidFor <= TimeSpan.Zero || message.ValidFor > MaxLifetime)
        {
            return new CredentialError("messaging.lifetime", "A message must be useful for more than zero time and at most 31 days.");
        }

        var values = message.Values ?? new Dictionary<string, string>();
        foreach (var name in MessageTemplates.For(message.Kind).Values)
        {
            if (!values.TryGetValue(name, out var value) || string.IsNullOrWhiteSpace(value))
            {
                return new CredentialError("messaging.value-missing", $"The template of {message.Kind} needs the value '{name}'.");
            }

            if (value.Length > MaxValueLength)
            {
                return new CredentialError("messaging.value-too-long", $"The value '{name}' is longer than {MaxValueLength} characters.");
            }

            if (name == MessageValues.Link && !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
            {
                return new CredentialError("messaging.link", "The value 'link' must be an absolute http(s) URL.");
            }
        }

        return null;
    }
}
