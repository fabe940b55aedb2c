using OpenLer.Server.Features.Messaging;

namespace OpenLer.Server.Features.Account;

/// <summary>
/// Demo mode: the message the demo "sent" to a contact, for the page to show. The dispatcher delivers into the demo
/// outbox a moment after the request that queued it, so the page waits briefly for it, and only for a message delivered
/// after the browser asked (demo only; never in production,
/// where <see cref="IDemoOutbox"/> is not registered).
/// </summary>
public static class DemoMessages
{
    /// <summary>TempData key: when this browser asked for the code the next page shows (so an older message is never shown instead).</summary>
    public const string RequestedAt = "demo-code-requested-at";

    /// <summary>The time <see cref="RequestedAt"/> holds, if any.</summary>
    public static DateTime? Since(Microsoft.AspNetCore.Mvc.ViewFeatures.ITempDataDictionary tempData) =>
        tempData?.Peek(RequestedAt) is string text && long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks)
            ? new DateTime(ticks, DateTimeKind.Utc) : null;

    /// <summary>
    /// The latest message of <paramref name="kind"/> for the contact, delivered within 10 minutes and, when
    /// <paramref name="since"/> is given, not before it (a code asked for just now, never the previous one).
    /// </summary>
    public static async Task<DemoMessage?> LatestAsync(IServiceProvider services, Contact? contact, MessageKind kind, TimeProvider time, CancellationToken cancellationToken, DateTime? since = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (contact is null || services.GetService<IDemoOutbox>() is not { } outbox)
        {
            return null;
        }

        var deadline = time.GetUtcNow() + TimeSpan.FromSeconds(10);
        while (true)
        {
            var latest = await outbox.LatestAsync(contact.Value, kind, cancellationToken);
            if (latest is { } message && message.CreatedAt > time.GetUtcNow().UtcDateTime - TimeSpan.FromMinutes(10)
                && (since is null || message.CreatedAt >= since))
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
