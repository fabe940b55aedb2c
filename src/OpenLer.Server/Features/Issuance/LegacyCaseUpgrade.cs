using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Issuance;

/// <summary>
/// Upgrades an organization's records from before field encryption: client records get the organization's own encrypted
/// copy of the name and contact (from the upgraded account), completion evidence and issued credentials are encrypted with
/// the organization's key, and the plain text is erased. The account's creator is the organization with the oldest record.
/// </summary>
public sealed class LegacyCaseUpgrade(AppDbContext db, People people, CaseRecords records, ILogger<LegacyCaseUpgrade> logger) : IStartupStep
{
    public int Order => 21;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var clients = await db.Clients.Where(c => c.NameCipher == null && c.JobseekerId != null).OrderBy(c => c.CreatedAt).ToListAsync(cancellationToken);
        foreach (var client in clients)
        {
            var jobseeker = await db.Jobseekers.FirstAsync(j => j.Id == client.JobseekerId, cancellationToken);
            var contact = jobseeker.ContactCipher is null ? null : people.ContactOf(jobseeker);
            if (contact is null)
            {
                continue;
            }

            records.SetClient(client, people.Name(jobseeker), contact.Value);
            client.ContactIndex = records.ClientContactIndex(client.OrganizationId, contact.Value);
            client.Language = jobseeker.Language;
            client.Link = ClientLinks.Created;
            jobseeker.CreatedByOrganizationId ??= client.OrganizationId;
        }

        var enrollments = await db.Enrollments.Where(e => e.LegacyEvidence != null).ToListAsync(cancellationToken);
        foreach (var enrollment in enrollments)
        {
            records.SetEvidence(enrollment, enrollment.LegacyEvidence);
            enrollment.LegacyEvidence = null;
        }

        var credentials = await db.Credentials.Where(c => c.LegacyJson != null).ToListAsync(cancellationToken);
        var keys = await db.Set<OrganizationKey>().AsNoTracking().ToListAsync(cancellationToken);
        foreach (var credential in credentials)
        {
            records.SetCredentialJson(credential, credential.LegacyJson!);
            credential.LegacyJson = null;
            credential.SigningKeyId ??= keys.FirstOrDefault(k => k.OrganizationId == credential.OrganizationId && k.StatusListNumber == credential.StatusListNumber)?.Id;
        }

        var reasons = await db.Credentials.Where(c => c.LegacyRevocationReason != null).ToListAsync(cancellationToken);
        foreach (var credential in reasons)
        {
            records.SetRevocationReason(credential, credential.LegacyRevocationReason);
            credential.LegacyRevocationReason = null;
        }

        if (clients.Count + enrollments.Count + credentials.Count + reasons.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogWarning("Encrypted {Clients} client records, {Enrollments} completions, {Credentials} credentials and {Reasons} revocation reasons kept in plain text by an older version",
                clients.Count, enrollments.Count, credentials.Count, reasons.Count);
        }
    }
}
