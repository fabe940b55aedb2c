using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Issuance;

/// <summary>
/// Start-up step: the contacts staff entered on client records, phone numbers re-stored in E.164 with the region of
/// the client's site (as <see cref="PhoneRenormalization"/> does for accounts). Encrypted with the organization's key
/// and indexed per organization, so each is decrypted, normalized and, when it differs, re-encrypted and re-indexed;
/// a collision with another client of the organization stays as it is and is reported.
/// </summary>
public sealed class ClientPhoneRenormalization(AppDbContext db, CaseRecords records, IOptions<DeploymentOptions> options,
    ILogger<ClientPhoneRenormalization> logger) : IStartupStep
{
    public int Order => 22;

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
        var regions = await db.Sites.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.PhoneRegion, cancellationToken);
        var clients = await db.Clients.Where(c => c.ContactCipher != null).ToListAsync(cancellationToken);
        var changed = 0;
        var skipped = 0;
        foreach (var client in clients)
        {
            var stored = records.ClientContact(client);
            if (stored is null || stored.Contains('@', StringComparison.Ordinal))
            {
                continue;
            }

            var region = client.SiteId is { } site && regions.TryGetValue(site, out var r) ? r : options.Value.PhoneRegion;
            var normalized = Contacts.Normalize(stored, region);
            if (normalized is null || normalized.Value == stored)
            {
                skipped += normalized is null ? 1 : 0;
                continue;
            }

            var index = records.ClientContactIndex(client.OrganizationId, normalized.Value);
            if (await db.Clients.AnyAsync(c => c.OrganizationId == client.OrganizationId && c.ContactIndex == index && c.Id != client.Id, cancellationToken))
            {
                skipped++;
                continue;
            }

            records.SetClient(client, records.ClientName(client), normalized.Value);
            client.ContactIndex = index;
            changed++;
        }

        if (changed > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        if (changed > 0 || skipped > 0)
        {
            logger.LogWarning("Client phone numbers: {Changed} re-stored in E.164; {Skipped} need an operator (not a number, or the same number as another client)", changed, skipped);
        }
    }
}
