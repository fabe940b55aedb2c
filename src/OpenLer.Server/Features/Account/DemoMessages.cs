using OpenLer.Server.Features.Messaging;

namespace OpenLer.Server.Features.Account;

/// <summary>
/// Demo mode: the message the demo "sent" to a contact, for the page to show. The dispatcher delivers into the demo
/// outbox a moment after the request that queued it, so the page waits briefly for it (demo only; never in production,
/// where <see cref="IDemoOutbox"/> is not registered).
/// </summary>
public static class DemoMessages
{
    public static async Task<DemoMessage?> LatestAsync(IServiceProvider services, Contact? contact, MessageKind kind, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (contact is null || services.GetService<IDemoOutbox>() is not { } outbox)
        {
            return null;
        }

        var deadline = time.GetUtcNow() + TimeSpan.FromSeconds(3);
        while (true)
        {
            var latest = await outbox.LatestAsync(contact.Value, cancellationToken);
            if (latest is { } message && message.Kind == kind && message.CreatedAt > time.GetUtcNow().UtcDateTime - TimeSpan.FromMinutes(10))
            {
                return message;
            }

            if (time.GetUtcNow() >= deadline)
            {
                return null;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken);
        }
    }
}
