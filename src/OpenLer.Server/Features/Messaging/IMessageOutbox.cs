using OpenLer.Credentials.Common;

namespace OpenLer.Server.Features.Messaging;

/// <summary>
/// Where the app puts a message to send. Enqueueing is one database write through the request's <c>AppDbContext</c> (inside
/// the caller's transaction when one is open); delivery happens later, in the background, never during the request.
/// </summary>
public interface IMessageOutbox
{
    /// <summary>
    /// Validates the message, encrypts it and saves it to the queue; returns the message id, or an error (code
    /// <c>messaging.*</c>) for a contact that is neither a normalized e-mail address nor an E.164 number, a missing or
    /// oversized value, or a lifetime that is not positive. Saves the context's other pending changes too.
    /// </summary>
    Task<Outcome<Guid>> EnqueueAsync(OutgoingMessage message, CancellationToken cancellationToken = default);
}
