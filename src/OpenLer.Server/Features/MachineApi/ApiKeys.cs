using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using OpenLer.Credentials.Protocols;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Features.Wallets;

namespace OpenLer.Server.Features.MachineApi;

/// <summary>The organization a machine request acts for, and the key it used.</summary>
public sealed record ApiCaller(Guid OrganizationId, Guid KeyId);

/// <summary>
/// Makes, revokes and checks API keys. A key is presented as a Bearer token (<c>olk_ID.SECRET</c>) or exchanged for a one-hour
/// access token by the client-credentials grant (RFC 6749 §4.4: client_id and client_secret by HTTP Basic or in the form), as
/// the W3C VC test-suite harnesses do. Secrets are compared as SHA-256 hashes in constant time.
/// </summary>
public sealed class ApiKeys(AppDbContext db, ProtocolRandom random, AuditTrail audit, TimeProvider time)
{
    public const string Prefix = "olk_";
    public const int MaxKeysPerOrganization = 20;
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromHours(1);

    /// <summary>A new key; returns it and the full secret to show once (<c>olk_ID.SECRET</c>), or null at the limit.</summary>
    public async Task<(ApiKey Key, string Secret)?> CreateAsync(Guid organizationId, string name, string? staffId, CancellationToken cancellationToken = default)
    {
        if (await db.Set<ApiKey>().CountAsync(k => k.OrganizationId == organizationId && k.RevokedAt == null, cancellationToken) >= MaxKeysPerOrganization)
        {
            return null;
        }

        var secret = random.NewToken();
        var key = new ApiKey
        {
            Id = Guid.NewGuid(),
            OrganizationId = organizationId,
            Name = name.Trim() is { Length: > 0 } n ? (n.Length > 100 ? n[..100] : n) : "API key",
            SecretHash = OfferService.HashToken(secret),
            CreatedByStaffId = staffId,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Set<ApiKey>().Add(key);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.ApiKeyCreated, "api-key", key.Id, organizationId, cancellationToken: cancellationToken);
        return (key, key.ClientId + "." + secret);
    }

    public async Task<bool> RevokeAsync(Guid organizationId, Guid keyId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var done = await db.Set<ApiKey>().Where(k => k.Id == keyId && k.OrganizationId == organizationId && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), cancellationToken) == 1;
        if (done)
        {
            await db.Set<ApiAccessToken>().Where(t => t.ApiKeyId == keyId).ExecuteDeleteAsync(cancellationToken);
            await audit.RecordAsync(AuditActions.ApiKeyRevoked, "api-key", keyId, organizationId, cancellationToken: cancellationToken);
        }

        return done;
    }

    public Task<List<ApiKey>> ListAsync(Guid organizationId, CancellationToken cancellationToken = default) =>
        db.Set<ApiKey>().AsNoTracking().Where(k => k.OrganizationId == organizationId).OrderByDescending(k => k.CreatedAt).ToListAsync(cancellationToken);

    /// <summary>The key of a client id and secret, when it is valid and not revoked.</summary>
    public async Task<ApiKey?> CheckAsync(string? clientId, string? secret, CancellationToken cancellationToken = default)
    {
        if (clientId is null || secret is null || !clientId.StartsWith(Prefix, StringComparison.Ordinal) || secret.Length > 128
            || !Guid.TryParseExact(clientId[Prefix.Length..], "N", out var id))
        {
            return null;
        }

        var key = await db.Set<ApiKey>().AsNoTracking().FirstOrDefaultAsync(k => k.Id == id && k.RevokedAt == null, cancellationToken);
        var given = OfferService.HashToken(secret);
        return key is not null && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(given), System.Text.Encoding.ASCII.GetBytes(key.SecretHash))
            ? key : null;
    }

    /// <summary>An access token for a valid key (client-credentials grant).</summary>
    public async Task<string> IssueAccessTokenAsync(ApiKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = time.GetUtcNow().UtcDateTime;
        await db.Set<ApiAccessToken>().Where(t => t.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        var token = random.NewToken();
        db.Set<ApiAccessToken>().Add(new ApiAccessToken { Id = Guid.NewGuid(), ApiKeyId = key.Id, TokenHash = OfferService.HashToken(token), ExpiresAt = now + AccessTokenLifetime });
        await db.SaveChangesAsync(cancellationToken);
        return token;
    }

    /// <summary>Who a Bearer token acts for: an API key (<c>olk_ID.SECRET</c>) or an access token of a key that is not revoked.</summary>
    public async Task<ApiCaller?> AuthenticateAsync(string? authorization, CancellationToken cancellationToken = default)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || authorization.Length > 512)
        {
            return null;
        }

        var value = authorization["Bearer ".Length..].Trim();
        ApiKey? key;
        if (value.StartsWith(Prefix, StringComparison.Ordinal) && value.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot)
        {
            key = await CheckAsync(value[..dot], value[(dot + 1)..], cancellationToken);
        }
        else
        {
            var hash = OfferService.HashToken(value);
            var now = time.GetUtcNow().UtcDateTime;
            var token = await db.Set<ApiAccessToken>().AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash && t.ExpiresAt > now, cancellationToken);
            key = token is null ? null : await db.Set<ApiKey>().AsNoTracking().FirstOrDefaultAsync(k => k.Id == token.ApiKeyId && k.RevokedAt == null, cancellationToken);
        }

        if (key is null)
        {
            return null;
        }

        var used = time.GetUtcNow().UtcDateTime;
        await db.Set<ApiKey>().Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, used), cancellationToken);
        return new ApiCaller(key.OrganizationId, key.Id);
    }
}
