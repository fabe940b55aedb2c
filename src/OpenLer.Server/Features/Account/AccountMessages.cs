using Microsoft.Extensions.Options;
using OpenLer.Server.Features.Messaging;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Account;

/// <summary>
/// The messages the account feature sends to a person's own contact, in their language: sign-in codes (jobseekers' and
/// employer users'), organizations' invitation codes, the notice that a caseworker printed a sign-in letter, and the
/// notices that a credential was issued or a share link first opened. Implementations never log a code or a contact.
/// </summary>
public interface IAccountMessages
{
    Task SendSignInCodeAsync(Contact contact, string code, string language, CancellationToken cancellationToken = default);

    /// <summary>An employer user's one-time sign-in code (to their e-mail address).</summary>
    Task SendEmployerSignInCodeAsync(Contact contact, string code, string language, CancellationToken cancellationToken = default);

    Task SendInvitationAsync(Contact contact, string code, string organizationName, string language, CancellationToken cancellationToken = default);

    Task SendLetterNoticeAsync(Contact contact, string organizationName, string language, CancellationToken cancellationToken = default);

    /// <summary>Tells the person an organization issued them a credential (sent only when they have not turned notices off).</summary>
    Task SendCredentialIssuedAsync(Contact contact, string organizationName, string credentialTitle, string language, CancellationToken cancellationToken = default);

    /// <summary>Tells the person one of their share links was opened for the first time (only when notices are on).</summary>
    Task SendShareOpenedAsync(Contact contact, string linkName, string language, CancellationToken cancellationToken = default);
}

/// <summary>Puts the account's messages on the encrypted outgoing queue (<see cref="IMessageOutbox"/>); a bad message is a programming error.</summary>
public sealed class QueuedAccountMessages(IMessageOutbox outbox, IOptions<DeploymentOptions> options) : IAccountMessages
{
    /// <summary>How long an invitation to join an organization stays valid (the message names it; Issuance's caseload sets it).</summary>
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(14);

    public Task SendSignInCodeAsync(Contact contact, string code, string language, CancellationToken cancellationToken = default) =>
        EnqueueAsync(OutgoingMessage.SignInCode(Value(contact), language, code), cancellationToken);

    public Task SendEmployerSignInCodeAsync(Contact contact, string code, string language, CancellationToken cancellationToken = default) =>
        EnqueueAsync(OutgoingMessage.EmployerSignInCode(Value(contact), language, code), cancellationToken);

    public Task SendInvitationAsync(Contact contact, string code, string organizationName, string language, CancellationToken cancellationToken = default) =>
        EnqueueAsync(OutgoingMessage.OrganizationInvitationCode(Value(contact), language, organizationName, code,
            options.Value.BaseUrl + "/account/join", InvitationLifetime), cancellationToken);

    public Task SendLetterNoticeAsync(Contact contact, string organizationName, string language, CancellationToken cancellationToken = default) =>
        EnqueueAsync(OutgoingMessage.PrintedLetterReminder(Value(contact), language, organizationName,
            options.Value.BaseUrl + "/account/sessions", TimeSpan.FromDays(7)), cancellationToken);

    public Task SendCredentialIssuedAsync(Contact contact, string organizationName, string credentialTitle, string language, CancellationToken cancellationToken = default) =>
        EnqueueAsync(OutgoingMessage.CredentialIssued(Value(contact), language, organizationName, credentialTitle, options.Value.BaseUrl + "/wallet"), cancellationToken);

    public Task SendShareOpenedAsync(Contact contact, string linkName, string language, CancellationToken cancellationToken = default) =>
        EnqueueAsync(OutgoingMessage.ShareOpenedFirstTime(Value(contact), language, linkName, options.Value.BaseUrl + "/sharing"), cancellationToken);

    private async Task EnqueueAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var queued = await outbox.EnqueueAsync(message, cancellationToken);
        if (!queued.IsSuccess)
        {
            throw new InvalidOperationException("A message could not be queued: " + queued.Error.Code);
        }
    }

    private static string Value(Contact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return contact.Value;
    }
}
