using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenLer.Credentials.Encodings;
using OpenLer.Credentials.Status;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.StatusLists;

/// <summary>
/// Each organization's IETF Token Status Lists for its SD-JWT VCs (draft-ietf-oauth-status-list §5): 131,072 one-bit
/// entries (1 = INVALID), allocated at random, published at a stable address (<see cref="StatusListAddress"/>, purpose
/// <c>token</c>) as a JWT signed by the key whose credentials the list holds, stored, and re-signed on every revocation and
/// before it expires. Reads compare the stored token with the database, so a list is never served stale.
/// </summary>
public sealed class TokenStatusLists(AppDbContext db, OrganizationKeys keys, StatusIndexAllocator allocator, IOptions<DeploymentOptions> options, TimeProvider time)
{
    public const int Size = BitstringStatusList.MinimumLength;

    /// <summary>How long a published token is valid (its exp); it is re-signed when less than half of that is left.</summary>
    public static readonly TimeSpan Validity = TimeSpan.FromDays(1);

    /// <summary>How long a verifier may cache the token (its ttl, §5.1).</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);

    /// <summary>A free index (<see cref="StatusIndexAllocator"/>) on a list of <paramref name="key"/> for a credential (added to the context; the caller saves).</summary>
    public async Task<TokenStatusEntry> AllocateAsync(OrganizationKey key, Guid credentialId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slot = (await allocator.AllocateAsync(key, StatusListAddress.TokenPurpose, 1, cancellationToken))[0];
        var entry = new TokenStatusEntry
        {
            Id = Guid.NewGuid(),
            OrganizationId = key.OrganizationId,
            ListNumber = slot.ListNumber,
            Index = slot.Index,
            CredentialId = credentialId,
            AllocatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Set<TokenStatusEntry>().Add(entry);
        return entry;
    }

    /// <summary>The <c>status</c> claim of an SD-JWT VC with this entry (§6.1: status_list {idx, uri}).</summary>
    public JsonObject Reference(Organization org, TokenStatusEntry entry)
    {
        ArgumentNullException.ThrowIfNull(org);
        ArgumentNullException.ThrowIfNull(entry);
        return new JsonObject
        {
            ["status_list"] = new JsonObject
            {
                ["idx"] = entry.Index,
                ["uri"] = new StatusListAddress(org.Slug, StatusListAddress.TokenPurpose, entry.ListNumber).Url(options.Value),
            },
        };
    }

    /// <summary>Marks a credential's entry revoked and re-signs its list; false when the credential has no entry.</summary>
    public async Task<bool> RevokeAsync(Guid organizationId, Guid credentialId, CancellationToken cancellationToken = default)
    {
        var entry = await db.Set<TokenStatusEntry>().FirstOrDefaultAsync(e => e.OrganizationId == organizationId && e.CredentialId == credentialId, cancellationToken);
        if (entry is null)
        {
            return false;
        }

        if (entry.RevokedAt is null)
        {
            entry.RevokedAt = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            await PublishAsync(organizationId, entry.ListNumber, cancellationToken);
        }

        return true;
    }

    /// <summary>The signed token of a list, or null when the organization or list is unknown.</summary>
    public async Task<string?> GetAsync(string slug, int number, CancellationToken cancellationToken = default)
    {
        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == slug, cancellationToken);
        if (org is null || number < 1 || await allocator.SigningKeyOfListAsync(org.Id, StatusListAddress.TokenPurpose, number, cancellationToken) is null)
        {
            return null;
        }

        var stored = await db.StatusLists.AsNoTracking()
            .FirstOrDefaultAsync(l => l.OrganizationId == org.Id && l.Purpose == StatusListAddress.TokenPurpose && l.Number == number, cancellationToken);
        if (stored is not null && time.GetUtcNow().UtcDateTime - stored.UpdatedAt < Validity / 2 && Bits(stored.Json) is { } published)
        {
            var revoked = await RevokedBitsAsync(org.Id, number, cancellationToken);
            if (published.SequenceEqual(revoked))
            {
                return stored.Json;
            }
        }

        return await PublishAsync(org.Id, number, cancellationToken);
    }

    /// <summary>Builds, signs and stores the list from the database; returns the token.</summary>
    public async Task<string> PublishAsync(Guid organizationId, int number, CancellationToken cancellationToken = default)
    {
        var org = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == organizationId, cancellationToken);
        var url = new StatusListAddress(org.Slug, StatusListAddress.TokenPurpose, number).Url(options.Value);
        var revoked = await RevokedBitsAsync(organizationId, number, cancellationToken);
        var allocated = Set(await db.Set<TokenStatusEntry>().AsNoTracking().Where(e => e.OrganizationId == organizationId && e.ListNumber == number)
            .Select(e => e.Index).ToListAsync(cancellationToken));
        using var random = RandomNumberGenerator.Create();
        var state = StatusListState.Restore(url, StatusPurpose.Revocation, random, new StatusListSnapshot(revoked, allocated, 0));
        var signingKey = await allocator.SigningKeyOfListAsync(organizationId, StatusListAddress.TokenPurpose, number, cancellationToken)
            ?? throw new InvalidOperationException("No key signs this token status list.");
        var identity = keys.Identity(org, signingKey);
        string token;
        using (var key = keys.SigningKey(signingKey))
        {
            token = new TokenStatusListBuilder(time).BuildSigned(state, key, identity.VerificationMethod, Validity, CacheFor);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var stored = await db.StatusLists.FirstOrDefaultAsync(l => l.OrganizationId == organizationId && l.Purpose == StatusListAddress.TokenPurpose && l.Number == number, cancellationToken);
        if (stored is null)
        {
            db.StatusLists.Add(new StatusListDocument { Id = Guid.NewGuid(), OrganizationId = organizationId, Purpose = StatusListAddress.TokenPurpose, Number = number, Json = token, UpdatedAt = now });
        }
        else
        {
            stored.Json = token;
            stored.UpdatedAt = now;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two first reads raced to store the list: either copy is a valid signed token of the same state.
        }

        return token;
    }

    private async Task<byte[]> RevokedBitsAsync(Guid organizationId, int number, CancellationToken cancellationToken) =>
        Set(await db.Set<TokenStatusEntry>().AsNoTracking()
            .Where(e => e.OrganizationId == organizationId && e.ListNumber == number && e.RevokedAt != null)
            .Select(e => e.Index).ToListAsync(cancellationToken));

    /// <summary>The revocation bits (most significant bit first, as <see cref="StatusListState"/> keeps them) of a stored token.</summary>
    private static byte[]? Bits(string token)
    {
        var parts = token.Split('.');
        var payload = parts.Length == 3 ? Base64Url.Decode(parts[1]) : default;
        if (parts.Length != 3 || !payload.IsSuccess || JsonNode.Parse(payload.Value) is not JsonObject claims
            || claims["status_list"]?["lst"] is not JsonValue lst || !lst.TryGetValue<string>(out var encoded))
        {
            return null;
        }

        var compressed = Base64Url.Decode(encoded);
        if (!compressed.IsSuccess)
        {
            return null;
        }

        // Our own token, read back: at most Size bits, so a bounded read of the zlib stream (RFC 1950).
        var statuses = new byte[Size / 8];
        using (var zlib = new System.IO.Compression.ZLibStream(new MemoryStream(compressed.Value), System.IO.Compression.CompressionMode.Decompress))
        {
            zlib.ReadAtLeast(statuses, statuses.Length, throwOnEndOfStream: false);
        }

        // The token keeps index i in bit (i % 8) of byte i / 8, least significant first (§4.1); convert to MSB-first.
        var bits = new byte[Size / 8];
        for (var i = 0; i < Size; i++)
        {
            if ((statuses[i >> 3] & (1 << (i & 7))) != 0)
            {
                bits[i >> 3] |= (byte)(0x80 >> (i & 7));
            }
        }

        return bits;
    }

    private static byte[] Set(IEnumerable<int> indexes)
    {
        var bits = new byte[Size / 8];
        foreach (var index in indexes)
        {
            bits[index / 8] |= (byte)(0x80 >> (index % 8));
        }

        return bits;
    }
}
