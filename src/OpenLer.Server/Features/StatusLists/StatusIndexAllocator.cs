using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenLer.Credentials.Status;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.StatusLists;

/// <summary>
/// Hands out status-list indexes (Bitstring Status List v1.0 §2.1 and Token Status List §4) that are never handed out
/// twice, also by several app instances on one database. Each list's allocation map lives in a
/// <see cref="StatusListAllocation"/> row; an allocation restores the library's <see cref="StatusListState"/> from it, lets
/// it pick free indexes at random (so an index does not reveal the order of issuance, §6.1), and writes the map back with
/// one conditional UPDATE on the row's version; when another instance changed the row first, it starts again from the new
/// map. A range of any size is taken in one statement per list. A full list is closed: the next allocation opens the
/// organization's next list number, signed by the same key. Allocation is its own short transaction (never the caller's),
/// so an index handed out to work that later fails stays unused rather than being handed out again.
/// </summary>
public sealed class StatusIndexAllocator(AppDbContext db, IOptions<DeploymentOptions> options, TimeProvider time)
{
    /// <summary>Entries of every list (the specifications' minimum, 131,072).</summary>
    public const int ListSize = BitstringStatusList.MinimumLength;

    /// <summary><paramref name="count"/> distinct free indexes for credentials signed by <paramref name="key"/>, on one or more of its lists.</summary>
    public async Task<IReadOnlyList<StatusSlot>> AllocateAsync(OrganizationKey key, string purpose, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var slug = await db.Organizations.AsNoTracking().Where(o => o.Id == key.OrganizationId).Select(o => o.Slug).FirstAsync(cancellationToken);
        var slots = new List<StatusSlot>(count);
        using var random = RandomNumberGenerator.Create();
        for (var attempt = 0; slots.Count < count; attempt++)
        {
            if (attempt > 10_000)
            {
                throw new InvalidOperationException("Status-list allocation did not settle.");
            }

            var open = await db.Set<StatusListAllocation>().AsNoTracking()
                .Where(a => a.OrganizationId == key.OrganizationId && a.Purpose == purpose && a.SigningKeyId == key.Id && a.AllocatedCount < ListSize)
                .OrderBy(a => a.Number).FirstOrDefaultAsync(cancellationToken);
            if (open is null)
            {
                await OpenListAsync(key, purpose, cancellationToken);
                continue;
            }

            var url = new StatusListAddress(slug, purpose, open.Number).Url(options.Value);
            var state = StatusListState.Restore(url, StatusPurpose.Revocation, random, new StatusListSnapshot(new byte[open.Allocated.Length], open.Allocated, open.Version));
            var take = Math.Min(count - slots.Count, state.Length - state.AllocatedCount);
            var taken = new List<StatusSlot>(take);
            for (var i = 0; i < take && state.TryAllocate(out var index); i++)
            {
                taken.Add(new StatusSlot(open.Number, index));
            }

            var map = state.Snapshot().Allocated;
            var allocatedCount = state.AllocatedCount;
            var version = open.Version;
            var changed = await db.Set<StatusListAllocation>()
                .Where(a => a.Id == open.Id && a.Version == version)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.Allocated, map).SetProperty(a => a.AllocatedCount, allocatedCount).SetProperty(a => a.Version, version + 1), cancellationToken);
            if (changed == 1)
            {
                slots.AddRange(taken);
            }
        }

        return slots;
    }

    /// <summary>The key that signs a list of the organization (its allocation row's, or the key whose first list it is), or null when there is no such list.</summary>
    public async Task<OrganizationKey?> SigningKeyOfListAsync(Guid organizationId, string purpose, int number, CancellationToken cancellationToken = default)
    {
        var keyId = await db.Set<StatusListAllocation>().AsNoTracking()
            .Where(a => a.OrganizationId == organizationId && a.Purpose == purpose && a.Number == number).Select(a => (Guid?)a.SigningKeyId)
            .FirstOrDefaultAsync(cancellationToken);
        return keyId is { } id
            ? await db.Set<OrganizationKey>().AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, cancellationToken)
            : await db.Set<OrganizationKey>().AsNoTracking().FirstOrDefaultAsync(k => k.OrganizationId == organizationId && k.StatusListNumber == number, cancellationToken);
    }

    /// <summary>
    /// Opens the key's next list: its own first number the first time (taking in the indexes credentials issued before this
    /// table already use), otherwise the organization's next free number. A concurrent opening by another instance wins the
    /// unique index and this one simply uses that list.
    /// </summary>
    private async Task OpenListAsync(OrganizationKey key, string purpose, CancellationToken cancellationToken)
    {
        var org = key.OrganizationId;
        var lists = db.Set<StatusListAllocation>().AsNoTracking().Where(a => a.OrganizationId == org);
        var firstTaken = await lists.AnyAsync(a => a.Purpose == purpose && a.Number == key.StatusListNumber, cancellationToken);
        var number = key.StatusListNumber;
        if (firstTaken)
        {
            var highestList = await lists.MaxAsync(a => (int?)a.Number, cancellationToken) ?? 0;
            var highestKey = await db.Set<OrganizationKey>().AsNoTracking().Where(k => k.OrganizationId == org).MaxAsync(k => (int?)k.StatusListNumber, cancellationToken) ?? 0;
            number = Math.Max(highestList, highestKey) + 1;
        }

        var map = new byte[ListSize / 8];
        var used = purpose == StatusListAddress.TokenPurpose
            ? db.Set<TokenStatusEntry>().Where(e => e.OrganizationId == org && e.ListNumber == number).Select(e => e.Index)
            : db.Credentials.Where(c => c.OrganizationId == org && c.StatusPurpose == purpose && c.StatusListNumber == number).Select(c => c.StatusListIndex);
        var count = 0;
        foreach (var index in await used.ToListAsync(cancellationToken))
        {
            map[index >> 3] |= (byte)(0x80 >> (index & 7));
            count++;
        }

        var row = new StatusListAllocation
        {
            Id = Guid.NewGuid(),
            OrganizationId = org,
            Purpose = purpose,
            Number = number,
            SigningKeyId = key.Id,
            Allocated = map,
            AllocatedCount = count,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance opened this number first: use what is there.
        }
        finally
        {
            db.Entry(row).State = EntityState.Detached;
        }
    }
}
