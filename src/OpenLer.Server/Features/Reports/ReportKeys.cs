using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OpenLer.Credentials.Protocols;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Features.Wallets;

namespace OpenLer.Server.Features.Reports;

/// <summary>
/// Makes, revokes and checks funder keys (<c>olr_ID.SECRET</c>, sent as a Bearer token): secrets are stored as SHA-256
/// hashes and compared in constant time, as for VC-API keys; making, revoking and every read are audited.
/// </summary>
public sealed class ReportKeys(AppDbContext db, ProtocolRandom random, AuditTrail audit, TimeProvider time)
{
    public const string Prefix = "olr_";
    public const int MaxKeysPerOrganization = 20;

    /// <summary>A new key and its full secret to show once, or null at the limit.</summary>
    public async Task<(ReportKey Key, string Secret)?> CreateAsync(Guid organizationId, string name, string? staffId, CancellationToken cancellationToken = default)
    {
        if (await db.Set<ReportKey>().CountAsync(k => k.OrganizationId == organizationId && k.RevokedAt == null, cancellationToken) >= MaxKeysPerOrganization)
        {
            return null;
        }

        var secret = random.NewToken();
        var trimmed = name.Trim();
        var key = new ReportKey
        {
            Id = Guid.NewGuid(),
            OrganizationId = organizationId,
            Name = trimmed.Length == 0 ? "Funder" : trimmed.Length > 100 ? trimmed[..100] : trimmed,
            SecretHash = OfferService.HashToken(secret),
            CreatedByStaffId = staffId,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Set<ReportKey>().Add(key);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.ReportKeyCreated, "report-key", key.Id, organizationId, cancellationToken: cancellationToken);
        return (key, key.ClientId + "." + secret);
    }

    public async Task<bool> RevokeAsync(Guid organizationId, Guid keyId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var done = await db.Set<ReportKey>().Where(k => k.Id == keyId && k.OrganizationId == organizationId && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), cancellationToken) == 1;
        if (done)
        {
            await audit.RecordAsync(AuditActions.ReportKeyRevoked, "report-key", keyId, organizationId, cancellationToken: cancellationToken);
        }

        return done;
    }

    public Task<List<ReportKey>> ListAsync(Guid organizationId, CancellationToken cancellationToken = default) =>
        db.Set<ReportKey>().AsNoTracking().Where(k => k.OrganizationId == organizationId).OrderByDescending(k => k.CreatedAt).ToListAsync(cancellationToken);

    /// <summary>The valid, unrevoked key of a Bearer header (<c>Bearer olr_ID.SECRET</c>), or null.</summary>
    public async Task<ReportKey?> AuthenticateAsync(string? authorization, CancellationToken cancellationToken = default)
    {
        if (authorization is null || authorization.Length > 512 || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var value = authorization["Bearer ".Length..].Trim();
        var dot = value.IndexOf('.', StringComparison.Ordinal);
        if (!value.StartsWith(Prefix, StringComparison.Ordinal) || dot < 0 || value.Length - dot > 129
            || !Guid.TryParseExact(value[Prefix.Length..dot], "N", out var id))
        {
            return null;
        }

        var key = await db.Set<ReportKey>().AsNoTracking().FirstOrDefaultAsync(k => k.Id == id && k.RevokedAt == null, cancellationToken);
        var given = Encoding.ASCII.GetBytes(OfferService.HashToken(value[(dot + 1)..]));
        if (key is null || !CryptographicOperations.FixedTimeEquals(given, Encoding.ASCII.GetBytes(key.SecretHash)))
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        await db.Set<ReportKey>().Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        return key;
    }
}
