using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Wallet;

/// <summary>Encrypts self-reported entries an older version kept in plain text, and erases the plain text.</summary>
public sealed class LegacyWalletUpgrade(AppDbContext db, SelfReportedRecords records) : IStartupStep
{
    public int Order => 22;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var entries = await db.SelfReported.Where(e => e.LegacyDescription != null).ToListAsync(cancellationToken);
        foreach (var entry in entries)
        {
            records.SetDescription(entry, entry.LegacyDescription!);
            entry.LegacyDescription = null;
        }

        if (entries.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
