using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Account;

/// <summary>
/// Start-up step: every account's phone number stored in E.164 (ITU-T E.164 via libphonenumber), so the same number
/// typed any usual way finds the account. Contacts are encrypted with a blind index, so SQL cannot rewrite them: each
/// phone contact is decrypted, normalized with the deployment's region, and when it differs re-encrypted with a new
/// index. A number that now collides with another account's stays as it is and is reported for an operator. Finds
/// nothing to do once every number is in E.164 (it reads the phone rows only).
/// </summary>
public sealed class PhoneRenormalization(AppDbContext db, People people, Protection.FieldProtector fields, IOptions<DeploymentOptions> options,
    ILogger<PhoneRenormalization> logger) : IStartupStep
{
    public int Order => 21;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RenormalizeAsync(cancellationToken);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // The data keys cannot be read (a backup restored without its key file): nothing can be decrypted, so
            // nothing is changed; the app still starts and the next start with the keys does the work.
            logger.LogWarning("Phone numbers not checked for E.164: the data keys cannot be read");
        }
    }

    private async Task RenormalizeAsync(CancellationToken cancellationToken)
    {
        var phones = await db.Jobseekers.Where(j => j.ContactKind == ContactKinds.Phone && j.ContactCipher != null).ToListAsync(cancellationToken);
        var changed = 0;
        var skipped = 0;
        foreach (var jobseeker in phones)
        {
            var stored = people.ContactOf(jobseeker)?.Value;
            var normalized = Contacts.Normalize(stored, options.Value.PhoneRegion);
            if (stored is null || normalized is null || normalized.Value == stored)
            {
                skipped += stored is not null && normalized is null ? 1 : 0;
                continue;
            }

            var index = people.ContactIndex(normalized);
            if (await db.Jobseekers.AnyAsync(j => j.ContactIndex == index && j.Id != jobseeker.Id, cancellationToken))
            {
                skipped++;
                continue;
            }

            jobseeker.ContactIndex = index;
            jobseeker.ContactCipher = fields.Protect(normalized.Value, People.Where(jobseeker.Id, "Contact"));
            changed++;
        }

        if (changed > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        if (changed > 0 || skipped > 0)
        {
            logger.LogWarning("Phone numbers: {Changed} accounts re-stored in E.164; {Skipped} need an operator (not a number, or the same number as another account)", changed, skipped);
        }
    }
}
