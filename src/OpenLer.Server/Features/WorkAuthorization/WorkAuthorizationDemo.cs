using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Demo;

namespace OpenLer.Server.Features.WorkAuthorization;

/// <summary>
/// The demo's work authorization (after the core seeder): Amina consented; her record holds an EAD (category C11, A-number
/// A246813579) valid until a year from the first start, seen by the organization admin; the credential is issued to her
/// wallet. All of it encrypted like real data.
/// </summary>
public sealed class WorkAuthorizationDemo(AppDbContext db, CaseRecords caseRecords, Consents consents, WorkAuthorizationRecords records,
    WorkAuthorizationIssuer issuer, AuditTrail audit, TimeProvider time) : IDemoSeeder
{
    public const string ANumber = "A246813579";
    public const string DocumentNumber = "IOE0912345678";

    public int Order => 10;

    public async Task SeedAsync(DemoContext context, bool firstRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!firstRun)
        {
            return;
        }

        var org = context.Get<Organization>("org");
        var contact = Contacts.Normalize(DemoData.JobseekerContacts[0])!;
        var index = caseRecords.ClientContactIndex(org.Id, contact.Value);
        var client = await db.Clients.FirstAsync(c => c.OrganizationId == org.Id && c.ContactIndex == index, cancellationToken);
        var admin = await db.Users.Where(u => u.OrganizationId == org.Id && u.Email == DemoData.AdminEmail).Select(u => u.Id).FirstAsync(cancellationToken);
        var staff = (AuditActors.Staff, (string?)admin);

        await using var transaction = await db.Database.BeginOrJoinAsync(cancellationToken);
        var consent = await consents.RecordAsync(org.Id, client.Id, client.Language, admin, cancellationToken);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var now = time.GetUtcNow().UtcDateTime;
        var record = new WorkAuthorizationRecord
        {
            Id = Guid.NewGuid(),
            OrganizationId = org.Id,
            ClientId = client.Id,
            ConsentId = consent.Id,
            Version = 1,
            RecordedAt = now,
            LastActivityAt = now,
        };
        records.Write(record, new WorkAuthorizationFacts("parolee", WorkAuthorizationVocabulary.Ead, "C11", DocumentNumber, ANumber, today.AddYears(1), today, admin));
        db.Set<WorkAuthorizationRecord>().Add(record);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.ProtectedRecorded, "work-authorization", record.Id, org.Id, detail: "version 1", actor: staff, cancellationToken: cancellationToken);
        var issued = await issuer.IssueAsync(org.Id, client.Id, record.Version, cancellationToken);
        if (!issued.IsSuccess)
        {
            throw new InvalidOperationException("The demo work authorization was not issued: " + issued.Error.Code);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
