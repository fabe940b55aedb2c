using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Wallet;
using OpenLer.Server.Features.WorkAuthorization;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Demo;

namespace OpenLer.Server.Features.Sharing;

/// <summary>
/// The demo employer's link, made fresh at every start (its token is printed only now): Amina's credentials, her
/// self-reported work (added on the first start), and of her work authorization only "authorized to work" and "valid until".
/// </summary>
public sealed class DemoShare(AppDbContext db, People people, ShareService shares, SelfReportedRecords selfReported, TimeProvider time) : IDemoSeeder
{
    public const string SelfReportedText = "Nurse's aide for six years in Kabul, informally: bathing, feeding and moving patients.";

    public int Order => 20;

    public async Task SeedAsync(DemoContext context, bool firstRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var amina = await people.FindAsync(Contacts.Normalize(DemoData.JobseekerContacts[0])!, cancellationToken);
        if (amina is null)
        {
            return;
        }

        if (firstRun)
        {
            // Amina reports her informal work herself (encrypted in people's scope like any entry).
            var entry = new SelfReportedExperience { Id = Guid.NewGuid(), JobseekerId = amina.Id, Kind = "work", CreatedAt = time.GetUtcNow().UtcDateTime };
            selfReported.SetDescription(entry, SelfReportedText);
            db.SelfReported.Add(entry);
            await db.SaveChangesAsync(cancellationToken);
        }

        var credentials = await db.Credentials.Where(c => c.JobseekerId == amina.Id && c.RevokedAt == null && c.SourceCredentialId == null).Select(c => c.Id).ToListAsync(cancellationToken);
        var work = await db.Set<IssuedWorkAuthorization>().Where(c => c.JobseekerId == amina.Id && c.RevokedAt == null && c.SdJwtCipher != null)
            .OrderByDescending(c => c.IssuedAt).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
        var entries = await db.SelfReported.Where(e => e.JobseekerId == amina.Id).Select(e => e.Id).ToListAsync(cancellationToken);
        var share = await shares.CreateAsync(amina.Id, new ShareChoice(credentials, work, ShareService.DefaultFacts, entries, ShareService.DefaultDays, "Desert Logistics (demo)"),
            cancellationToken);
        if (share.IsSuccess)
        {
            context.Say("Employer", $"Desert Logistics (no account): open {context.BaseUrl}/s/{share.Value.Token} (work authorization: only \"authorized to work\" and \"valid until\")");
        }
    }
}
