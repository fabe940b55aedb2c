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
        var row = New(jobseekerId, credentialId, key, null);
        db.Set<WalletKey>().Add(row);
        return row;
    }

    /// <summary>
    /// A holder key row for a key made by the caller, not added to the context (bulk issuance writes many at once); its
    /// private key encrypted with <paramref name="sealer"/> when given (it must hold people's key; safe on several threads).
    /// </summary>
    public WalletKey New(Guid jobseekerId, Guid? credentialId, KeyPair key, FieldSealer? sealer)
    {
        ArgumentNullException.ThrowIfNull(key);
        return New(jobseekerId, credentialId, key.PublicKey, key.ExportPrivateMultibase(), sealer);
    }

    /// <summary>A wallet key row from a public key and its private key as Multikey secretKeyMultibase (bulk issuance's holder keys).</summary>
    public WalletKey New(Guid jobseekerId, Guid? credentialId, PublicKey publicKey, string secret, FieldSealer? sealer)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        ArgumentNullException.ThrowIfNull(secret);
        var row = new WalletKey
        {
            Id = Guid.NewGuid(),
            JobseekerId = jobseekerId,
            CredentialId = credentialId,
            Did = publicKey.ToDidKey(),
            PublicKeyMultibase = publicKey.ToMultibase(),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        row.PrivateKeyCipher = (sealer is null ? fields.Protect(secret, Where(row)) : sealer.Protect(secret, Where(row)))!;
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
