namespace OpenLer.Server.Features.Messaging;

/// <summary>
/// Demo mode only (OpenLer:Demo=true; not registered otherwise, so production has no outbox of codes): the messages the
/// demo "sent", kept encrypted until they expire, for the pages to show on screen.
/// </summary>
public interface IDemoOutbox
{
    /// <summary>
    /// The newest message for <paramref name="contact"/> (as enqueued: normalized e-mail or E.164) that has not expired,
    /// of <paramref name="kind"/> when given (a notice delivered after a code must not hide the code), or null.
    /// </summary>
    Task<DemoMessage?> LatestAsync(string contact, MessageKind? kind = null, CancellationToken cancellationToken = default);
}
