using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Account;

/// <summary>
/// Upgrades accounts of a database from before field encryption: each plain-text contact becomes a normalized, encrypted
/// contact with a blind index, each name an encrypted name, and the plain text is erased. Runs at every start and does
/// nothing once no plain text is left. A contact that normalizes to one already taken stays as it is and is reported.
/// </summary>
public sealed class LegacyAccountUpgrade(AppDbContext db, People people, Protection.FieldProtector fields, IOptions<DeploymentOptions> options, ILogger<LegacyAccountUpgrade> logger) : IStartupStep
{
    public int Order => 20;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var legacy = await db.Jobseekers.Where(j => j.LegacyContact != null || j.LegacyDisplayName != null).ToListAsync(cancellationToken);
        if (legacy.Count == 0)
        {
            return;
        }

        var taken = (await db.Jobseekers.Where(j => j.ContactIndex != null).Select(j => j.ContactIndex!).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var skipped = 0;
        foreach (var jobseeker in legacy)
        {
            var contact = Contacts.Normalize(jobseeker.LegacyContact, options.Value.PhoneRegion);
            if (jobseeker.LegacyContact is not null)
            {
                var index = contact is null ? null : people.ContactIndex(contact);
                if (contact is null || !taken.Add(index!))
                {
                    skipped++;
                    continue;
                }

                jobseeker.ContactIndex = index;
                jobseeker.ContactKind = contact.Kind;
                jobseeker.ContactCipher = FieldProtection(contact.Value, jobseeker, "Contact");
            }

            people.SetName(jobseeker, jobseeker.LegacyDisplayName ?? "");
            jobseeker.LegacyContact = null;
            jobseeker.LegacyDisplayName = null;
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogWarning("Upgraded {Count} accounts to encrypted contacts and names; {Skipped} need an operator (duplicate or unreadable contact)", legacy.Count - skipped, skipped);
    }

    private string? FieldProtection(string value, Jobseeker jobseeker, string column) =>
        fields.Protect(value, People.Where(jobseeker.Id, column));
}
