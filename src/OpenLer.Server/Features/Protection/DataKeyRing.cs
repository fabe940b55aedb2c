using System.Collections.Concurrent;
using Microsoft.AspNetCore.DataProtection;
using OpenLer.Server.Data;

namespace OpenLer.Server.Features.Protection;

/// <summary>
/// The unwrapped data keys of this process (a singleton). Keys are read from the database on first use and kept; which
/// key is active for new encryption is re-read after <see cref="ActiveKeyTtl"/>, so a rotation made through another
/// instance takes over within that time, and a revoked key is refused everywhere within it.
/// </summary>
public sealed class DataKeyRing(IDataProtectionProvider protection, TimeProvider time)
{
    public static readonly TimeSpan ActiveKeyTtl = TimeSpan.FromSeconds(30);
    private readonly IDataProtector _wrapper = protection.CreateProtector("OpenLer.DataKeys.v1");
    private readonly ConcurrentDictionary<Guid, KeyEntry> _keys = new();
    private readonly ConcurrentDictionary<(Guid Scope, string Purpose), (Guid KeyId, DateTimeOffset ReadAt)> _active = new();

    private sealed record KeyEntry(byte[] Key, DateTimeOffset ReadAt, bool Revoked, Guid Scope, string Purpose);

    /// <summary>A new key for a scope and purpose, added to <paramref name="db"/> (the caller saves it).</summary>
    public DataKey Create(AppDbContext db, Guid scope, string purpose)
    {
        ArgumentNullException.ThrowIfNull(db);
        var key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var entity = new DataKey
        {
            Id = Guid.NewGuid(),
            Scope = scope,
            Purpose = purpose,
            WrappedKey = Convert.ToBase64String(_wrapper.Protect(key)),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Set<DataKey>().Add(entity);
        _keys[entity.Id] = new KeyEntry(key, time.GetUtcNow(), false, scope, purpose);
        return entity;
    }

    /// <summary>The active (newest, not retired) key of a scope and purpose; throws when the scope has none (a set-up error).</summary>
    public (Guid Id, byte[] Key) Active(AppDbContext db, Guid scope, string purpose)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = time.GetUtcNow();
        if (_active.TryGetValue((scope, purpose), out var cached) && now - cached.ReadAt < ActiveKeyTtl
            && _keys.TryGetValue(cached.KeyId, out var entry) && !entry.Revoked)
        {
            return (cached.KeyId, entry.Key);
        }

        var row = db.Set<DataKey>().Where(k => k.Scope == scope && k.Purpose == purpose && k.RetiredAt == null && k.RevokedAt == null)
            .OrderByDescending(k => k.CreatedAt).FirstOrDefault()
            ?? throw new InvalidOperationException($"No {purpose} key for scope {scope}: run the data-key start-up step.");
        var loaded = Remember(row, now);
        _active[(scope, purpose)] = (row.Id, now);
        return (row.Id, loaded.Key);
    }

    /// <summary>A key by id for decryption, or null when unknown or revoked (then the value cannot be read).</summary>
    public byte[]? Find(AppDbContext db, Guid keyId, Guid scope, string purpose)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = time.GetUtcNow();
        if (!_keys.TryGetValue(keyId, out var entry) || now - entry.ReadAt >= ActiveKeyTtl)
        {
            var row = db.Set<DataKey>().FirstOrDefault(k => k.Id == keyId);
            if (row is null)
            {
                return null;
            }

            entry = Remember(row, now);
        }

        return entry.Revoked || entry.Scope != scope || entry.Purpose != purpose ? null : entry.Key;
    }

    /// <summary>Forgets what this process cached (after a rotation or revocation made here).</summary>
    public void Forget()
    {
        _active.Clear();
        _keys.Clear();
    }

    private KeyEntry Remember(DataKey row, DateTimeOffset now)
    {
        var key = _keys.TryGetValue(row.Id, out var known) ? known.Key : _wrapper.Unprotect(Convert.FromBase64String(row.WrappedKey));
        var entry = new KeyEntry(key, now, row.RevokedAt is not null, row.Scope, row.Purpose);
        _keys[row.Id] = entry;
        return entry;
    }
}
