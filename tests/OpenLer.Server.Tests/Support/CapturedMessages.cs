using System.Collections.Concurrent;
using OpenLer.Server.Features.Account;

namespace OpenLer.Server.Tests.Support;

/// <summary>The tests' stand-in for the message channel: records what would have been sent to each contact.</summary>
public sealed class CapturedMessages : IAccountMessages
{
    public sealed record Message(string Kind, string Contact, string Code, string? Organization, string Language);

    public ConcurrentQueue<Message> All { get; } = new();

    public Task SendSignInCodeAsync(Contact contact, string code, string language, CancellationToken cancellationToken = default)
    {
        All.Enqueue(new Message("code", contact.Value, code, null, language));
        return Task.CompletedTask;
    }

    public Task SendEmployerSignInCodeAsync(Contact contact, string code, string language, CancellationToken cancellationToken = default)
    {
        All.Enqueue(new Message("employer-code", contact.Value, code, null, language));
        return Task.CompletedTask;
    }

    public Task SendInvitationAsync(Contact contact, string code, string organizationName, string language, CancellationToken cancellationToken = default)
    {
        All.Enqueue(new Message("invitation", contact.Value, code, organizationName, language));
        return Task.CompletedTask;
    }

    public Task SendLetterNoticeAsync(Contact contact, string organizationName, string language, CancellationToken cancellationToken = default)
    {
        All.Enqueue(new Message("letter-notice", contact.Value, "", organizationName, language));
        return Task.CompletedTask;
    }

    public Task SendCredentialIssuedAsync(Contact contact, string organizationName, string credentialTitle, string language, CancellationToken cancellationToken = default)
    {
        All.Enqueue(new Message("credential-issued", contact.Value, credentialTitle, organizationName, language));
        return Task.CompletedTask;
    }

    public Task SendShareOpenedAsync(Contact contact, string linkName, string language, CancellationToken cancellationToken = default)
    {
        All.Enqueue(new Message("share-opened", contact.Value, linkName, null, language));
        return Task.CompletedTask;
    }

    /// <summary>The latest code of a kind sent to a contact (as typed; normalized here), or null.</summary>
    public string? Latest(string contact, string kind = "code")
    {
        var normalized = Contacts.Normalize(contact)?.Value;
        return All.Where(m => m.Kind == kind && m.Contact == normalized).Select(m => m.Code).LastOrDefault();
    }
}
