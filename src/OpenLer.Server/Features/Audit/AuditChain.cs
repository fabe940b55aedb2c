using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;

namespace OpenLer.Server.Features.Audit;

/// <summary>What checking the chain found.</summary>
public sealed record AuditChainReport(long Records, long? BrokenAt, string? Problem)
{
    public bool Intact => BrokenAt is null;
}

/// <summary>Checks the whole audit trail: sequence without gaps, each previous hash linking, each hash matching its record.</summary>
public sealed class AuditChain(AppDbContext db)
{
    public async Task<AuditChainReport> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var expectedPrevious = AuditTrail.Genesis;
        long count = 0;
        await foreach (var record in db.Set<AuditRecord>().AsNoTracking().OrderBy(r => r.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            count++;
            if (record.Sequence != count)
            {
                return new AuditChainReport(count - 1, record.Sequence, $"record {count} is missing (found {record.Sequence} next)");
            }

            if (record.PreviousHash != expectedPrevious)
            {
                return new AuditChainReport(count - 1, record.Sequence, "the previous-hash link does not match the record before it");
            }

            if (AuditTrail.ComputeHash(record) != record.Hash)
            {
                return new AuditChainReport(count - 1, record.Sequence, "the record was changed after it was written");
            }

            expectedPrevious = record.Hash;
        }

        return new AuditChainReport(count, null, null);
    }
}
