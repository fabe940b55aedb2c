using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;

namespace OpenLer.Server.Features.Account;

/// <summary>
/// Tells a person, on their own contact and in their language, that something happened to their records: a credential
/// was issued to them, or one of their share links was opened for the first time. Nothing is sent when the person turned
/// notices off (<see cref="Jobseeker.Notifications"/>) or has no contact.
/// </summary>
public sealed class PersonNotices(AppDbContext db, People people, IAccountMessages messages)
{
    public async Task CredentialIssuedAsync(Guid jobseekerId, string organizationName, string credentialTitle, CancellationToken cancellationToken = default)
    {
        if (await ReachableAsync(jobseekerId, cancellationToken) is { } to)
        {
            await messages.SendCredentialIssuedAsync(to.Contact, organizationName, credentialTitle, to.Language, cancellationToken);
        }
    }

    /// <summary>
    /// Tells the person a link was opened; <paramref name="linkName"/> is the name they gave it, or (when they gave none)
    /// the day they made it, written in their language.
    /// </summary>
    public async Task ShareOpenedAsync(Guid jobseekerId, string? linkName, DateTime createdAt, CancellationToken cancellationToken = default)
    {
        if (await ReachableAsync(jobseekerId, cancellationToken) is { } to)
        {
            var name = string.IsNullOrWhiteSpace(linkName)
                ? createdAt.ToString("d MMMM yyyy", Infrastructure.Languages.Culture(Infrastructure.Languages.Find(to.Language).Code))
                : linkName;
            await messages.SendShareOpenedAsync(to.Contact, name, to.Language, cancellationToken);
        }
    }

    private async Task<(Contact Contact, string Language)?> ReachableAsync(Guid jobseekerId, CancellationToken cancellationToken)
    {
        var person = await db.Jobseekers.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobseekerId, cancellationToken);
        if (person is not { Notifications: true } || people.ContactOf(person) is not { } contact)
        {
            return null;
        }

        return (contact, person.Language);
    }
}
