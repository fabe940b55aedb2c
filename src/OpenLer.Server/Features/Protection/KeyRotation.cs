using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;

namespace OpenLer.Server.Features.Protection;

/// <summary>What a rotation run did.</summary>
/// <param name="Started">Scopes that got a new encryption key in this run (0 when an interrupted rotation was resumed).</param>
/// <param name="Reencrypted">Values re-encrypted with the scopes' active keys.</param>
/// <param name="Unreadable">Values under a retired key that could not be decrypted (altered or moved); their key is not drained.</param>
/// <param name="Remaining">Values still under a retired key after the run (0 when it completed).</param>
/// <param name="Drained">Retired keys that no value refers to any more.</param>
public sealed record RotationReport(int Started, int Reencrypted, int Unreadable, int Remaining, int Drained);

/// <summary>
/// Rotates the field-encryption keys (SECURITY.md DR-04): a new active key per scope, the old one retired (it still
/// decrypts), then every value under a retired key re-encrypted, in batches that each commit, with the registered
/// <see cref="IProtectedColumn"/>s. Resumable and idempotent: a run that is stopped part-way leaves every value readable
/// (old values under the retired key, new ones under the active key), and the next run does not start a second rotation
/// while any selected scope is unfinished but continues it; when no value refers to a retired key any more it is marked
/// drained. Values are found by their key's prefix (<see cref="FieldProtector.KeyPrefix"/>), so a re-run redoes nothing.
/// Blind-index keys are not rotated (that needs every indexed value again; see docs/adr/work-authorization.md).
/// </summary>
public sealed class KeyRotation(AppDbContext db, DataKeyRing ring, FieldProtector fields, IEnumerable<IProtectedColumn> columns, TimeProvider time)
{
    public const int DefaultBatch = 200;

    /// <summary>
    /// Rotates the given scopes (null: every scope), or only finishes an interrupted rotation when <paramref name="resumeOnly"/>;
    /// stops after <paramref name="maxBatches"/> batches when given (the rest is left for the next run).
    /// </summary>
    public async Task<RotationReport> RunAsync(IReadOnlyCollection<Guid>? scopes, bool resumeOnly = false, int batch = DefaultBatch, int? maxBatches = null,
        CancellationToken cancellationToken = default)
    {
        var keys = await db.Set<DataKey>().Where(k => k.Purpose == DataKeyPurpose.Encryption && k.RevokedAt == null).ToListAsync(cancellationToken);
        var selected = scopes ?? [.. keys.Select(k => k.Scope).Distinct()];
        var started = 0;
        var now = time.GetUtcNow().UtcDateTime;

        // A rotation is one unit over the selected scopes: while any of them still has values under a retired key, a run
        // only continues it (a run stopped part-way never leads to a second rotation of the scopes it had finished).
        var inProgress = keys.Any(k => selected.Contains(k.Scope) && k.RetiredAt != null && k.DrainedAt == null);
        if (!inProgress && !resumeOnly)
        {
            foreach (var scope in selected)
            {
                foreach (var old in keys.Where(k => k.Scope == scope && k.RetiredAt == null))
                {
                    old.RetiredAt = now;
                }

                ring.Create(db, scope, DataKeyPurpose.Encryption);
                started++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        ring.Forget();

        var retired = await db.Set<DataKey>().Where(k => k.Purpose == DataKeyPurpose.Encryption && k.RetiredAt != null && k.DrainedAt == null && k.RevokedAt == null
            && selected.Contains(k.Scope)).ToListAsync(cancellationToken);
        int reencrypted = 0, unreadable = 0, batches = 0, remaining = 0, drained = 0;
        foreach (var key in retired)
        {
            var prefix = FieldProtector.KeyPrefix(key.Id);
            var left = 0;
            foreach (var column in columns)
            {
                while (maxBatches is null || batches < maxBatches)
                {
                    var (done, bad) = await column.ReencryptAsync(db, fields, prefix, batch, cancellationToken);
                    reencrypted += done;
                    unreadable += bad;
                    batches++;
                    if (done == 0 || done + bad < batch)
                    {
                        break;
                    }
                }

                left += await column.CountAsync(db, prefix, cancellationToken);
            }

            remaining += left;
            if (left == 0)
            {
                key.DrainedAt = time.GetUtcNow().UtcDateTime;
                drained++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return new RotationReport(started, reencrypted, unreadable, remaining, drained);
    }
}
