using System.Collections.Concurrent;

namespace OpenLer.Server.Features.Account;

/// <summary>
/// The messages the account feature sends to a person's own contact, in their language: sign-in codes and
/// organizations' invitation codes. Implementations never log a code or a contact.
/// </summary>
public interface IAccountMessages
{
    Task SendSignInCodeAsync(Contact contact, string code, string language, CancellationToken cancellationToken = default);

    Task SendInvitationAsync(Contact contact, string code, string organizationName, string language, CancellationToken cancellationToken = default);
}

/// <summary>
/// Demo mode only: keeps the latest message per contact in memory (never in the database) until it expires, so the demo
/// can show it on screen instead of sending it.
/// </summary>
public sealed class DemoAccountMessages(TimeProvider time) : IAccountMessages
{
    private readonly ConcurrentDictionary<string, DemoMessage> _latest = new(StringComparer.Ordinal);

    /// <summary>A message the demo shows: a sign-in code, or an invitation code with the organization's name.</summary>
    public sealed record DemoMessage(string Code, string? Organization, DateTimeOffset Until);

    public Task SendSignInCodeAsync(Contact contact, string code, string language, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contact);
        _latest["code|" + contact.Value] = new DemoMessage(code, null, time.GetUtcNow() + CodeSignIn.CodeLifetime);
        return Task.CompletedTask;
    }

    public Task SendInvitationAsync(Contact contact, string code, string organizationName, string language, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contact);
        _latest["invitation|" + contact.Value] = new DemoMessage(code, organizationName, time.GetUtcNow() + Issuance.Caseload.InvitationLifetime);
        return Task.CompletedTask;
    }

    /// <summary>The latest unexpired sign-in code sent to a contact.</summary>
    public DemoMessage? LatestCode(Contact? contact) => Find("code|", contact);

    /// <summary>The latest unexpired invitation sent to a contact.</summary>
    public DemoMessage? LatestInvitation(Contact? contact) => Find("invitation|", contact);

    private DemoMessage? Find(string kind, Contact? contact) =>
        contact is not null && _latest.TryGetValue(kind + contact.Value, out var message) && message.Until > time.GetUtcNow() ? message : null;
}

/// <summary>Outside demo mode, until a message channel (SMTP or SMS) is configured: nothing can be sent; says so.</summary>
public sealed class UnconfiguredAccountMessages(ILogger<UnconfiguredAccountMessages> logger) : IAccountMessages
{
    public Task SendSignInCodeAsync(Contact contact, string code, string language, CancellationToken cancellationToken = default)
    {
        logger.LogWarning("A sign-in code could not be sent: no message channel is configured (OpenLer:Messaging)");
        return Task.CompletedTask;
    }

    public Task SendInvitationAsync(Contact contact, string code, string organizationName, string language, CancellationToken cancellationToken = default)
    {
        logger.LogWarning("An invitation could not be sent: no message channel is configured (OpenLer:Messaging)");
        return Task.CompletedTask;
    }
}
