using Microsoft.EntityFrameworkCore;
using OpenLer.Credentials.Keys;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Protection;

namespace OpenLer.Server.Features.Account;

/// <summary>Makes and uses the holder keys a person's wallet keeps (one per credential).</summary>
public sealed class WalletKeys(AppDbContext db, FieldProtector fields, TimeProvider time)
{
    /// <summary>A new holder key for a person (added to the context; the caller saves).</summary>
    public WalletKey Create(Guid jobseekerId, Guid? credentialId)
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        return Create(jobseekerId, credentialId, key);
    }

    /// <summary>A holder key row for a key made by the caller (bulk issuance makes them in parallel); added to the context.</summary>
    public WalletKey Create(Guid jobseekerId, Guid? credentialId, KeyPair key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var row = new WalletKey
        {
            Id = Guid.NewGuid(),
            JobseekerId = jobseekerId,
            CredentialId = credentialId,
            Did = key.PublicKey.ToDidKey(),
            PublicKeyMultibase = key.PublicKey.ToMultibase(),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        row.PrivateKeyCipher = fields.Protect(key.ExportPrivateMultibase(), Where(row))!;
        db.Set<WalletKey>().Add(row);
        return row;
    }

    /// <summary>The holder key of one of the person's credentials, decrypted for one use (dispose it), or null.</summary>
    public async Task<KeyPair?> ForCredentialAsync(Guid jobseekerId, Guid credentialId, CancellationToken cancellationToken = default)
    {
        var row = await db.Set<WalletKey>().AsNoTracking().FirstOrDefaultAsync(k => k.JobseekerId == jobseekerId && k.CredentialId == credentialId, cancellationToken);
        return row is null ? null : Open(row);
    }

    public KeyPair Open(WalletKey row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return KeyPair.FromPrivateMultibase(fields.Unprotect(row.PrivateKeyCipher, Where(row))!).Value;
    }

    public static FieldScope Where(WalletKey row) => FieldScope.Person(WalletKey.Table, "PrivateKey", row.Id);
}
