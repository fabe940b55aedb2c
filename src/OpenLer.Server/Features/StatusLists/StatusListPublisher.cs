using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Status;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.StatusLists;

/// <summary>
/// Publishes each organization's Bitstring Status List (W3C Bitstring Status List v1.0 §2.2): the library's
/// <see cref="StatusListState"/> restored from the database's revocations, signed by <see cref="StatusListCredentialBuilder"/>
/// with eddsa-rdfc-2022. Stored, and re-signed when a credential on the list is revoked.
/// </summary>
public sealed class StatusListPublisher(AppDbContext db, OrganizationKeys keys, StatusIndexAllocator allocator, IOptions<DeploymentOptions> options, TimeProvider time)
{
    /// <summary>The Data Integrity cryptosuite that signs the lists (as it signs the credentials on them).</summary>
    public const string Cryptosuite = "eddsa-rdfc-2022";

    public static readonly string[] Purposes = ["revocation"];

    /// <summary>The signed list, or null when the organization, purpose or list is unknown.</summary>
    public async Task<string?> GetAsync(string slug, string purpose, int number, CancellationToken cancellationToken = default)
    {
        if (!Purposes.Contains(purpose) || number < 1)
        {
            return null;
        }

        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == slug, cancellationToken);
        if (org is null || await allocator.SigningKeyOfListAsync(org.Id, purpose, number, cancellationToken) is null)
        {
            return null;
        }

        var stored = await db.StatusLists.AsNoTracking().FirstOrDefaultAsync(l => l.OrganizationId == org.Id && l.Purpose == purpose && l.Number == number, cancellationToken);
        if (stored is not null && await IsCurrentAsync(stored, cancellationToken))
        {
            return stored.Json;
        }

        return await PublishAsync(org.Id, purpose, number, cancellationToken);
    }

    /// <summary>
    /// Whether a stored list carries exactly the database's revocations (two revocations at once could otherwise leave the
    /// later-stored list missing one): a stale list is re-signed on the next read.
    /// </summary>
    private async Task<bool> IsCurrentAsync(StatusListDocument stored, CancellationToken cancellationToken)
    {
        var revoked = await RevokedIndexesAsync(stored.OrganizationId, stored.Purpose, stored.Number, cancellationToken);
        var json = System.Text.Json.Nodes.JsonNode.Parse(stored.Json);
        var decoded = BitstringStatusList.Decode((string?)json?["credentialSubject"]?["encodedList"]);
        return decoded.IsSuccess && decoded.Value.AsSpan().SequenceEqual(Bits(revoked, StatusIndexAllocator.ListSize));
    }

    private Task<List<int>> RevokedIndexesAsync(Guid organizationId, string purpose, int number, CancellationToken cancellationToken) =>
        db.Credentials.AsNoTracking()
            .Where(c => c.OrganizationId == organizationId && c.StatusPurpose == purpose && c.StatusListNumber == number && c.RevokedAt != null)
            .Select(c => c.StatusListIndex).ToListAsync(cancellationToken);

    /// <summary>Builds, signs and stores the list from the database's revocations; returns its JSON.</summary>
    public async Task<string> PublishAsync(Guid organizationId, string purpose, int number, CancellationToken cancellationToken = default)
    {
        var org = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == organizationId, cancellationToken);
        var revoked = await RevokedIndexesAsync(organizationId, purpose, number, cancellationToken);
        var url = new StatusListAddress(org.Slug, purpose, number).Url(options.Value);
        var allocated = await db.Credentials.AsNoTracking()
            .Where(c => c.OrganizationId == organizationId && c.StatusPurpose == purpose && c.StatusListNumber == number)
            .Select(c => c.StatusListIndex).ToListAsync(cancellationToken);
        using var random = RandomNumberGenerator.Create();
        var state = StatusListState.Restore(url, purpose, random,
            new StatusListSnapshot(Bits(revoked, StatusIndexAllocator.ListSize), Bits(allocated, StatusIndexAllocator.ListSize), 0));
        // Each list is signed by the key whose credentials it holds, so a did:key issuer keeps verifying after a rotation.
        var signingKey = await allocator.SigningKeyOfListAsync(organizationId, purpose, number, cancellationToken)
            ?? throw new InvalidOperationException("No key signs this status list.");
        var identity = keys.Identity(org, signingKey);
        var now = time.GetUtcNow().UtcDateTime;
        string json;
        using (var key = keys.SigningKey(signingKey))
        {
            var signed = new StatusListCredentialBuilder(new DataIntegritySigner(Cryptosuites.Default, time), time)
                .BuildSigned(state, identity.Did, key, identity.VerificationMethod, cryptosuite: Cryptosuite);
            json = StrictJson.Serialize(signed.Value, indented: true);
        }

        var stored = await db.StatusLists.FirstOrDefaultAsync(l => l.OrganizationId == organizationId && l.Purpose == purpose && l.Number == number, cancellationToken);
        if (stored is null)
        {
            stored = new StatusListDocument { Id = Guid.NewGuid(), OrganizationId = organizationId, Purpose = purpose, Number = number, Json = json, UpdatedAt = now };
            db.StatusLists.Add(stored);
        }
        else
        {
            stored.Json = json;
            stored.UpdatedAt = now;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two first requests raced to store the list: either copy is a valid signed list, and a stored list that misses a
            // revocation is re-signed on its next read (IsCurrentAsync). The losing row must not stay tracked, or the
            // caller's next SaveChanges (the audit record) would insert it again and fail.
            db.Entry(stored).State = EntityState.Detached;
        }

        return json;
    }

    /// <summary>A bitstring of <paramref name="size"/> bits with the given indexes set (bit 0 = most significant bit of byte 0).</summary>
    private static byte[] Bits(IEnumerable<int> setIndexes, int size)
    {
        var bits = new byte[size / 8];
        foreach (var index in setIndexes)
        {
            bits[index / 8] |= (byte)(0x80 >> (index % 8));
        }

        return bits;
    }
}
