using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;

namespace OpenLer.Server.Features.Protection;

/// <summary>
/// A column that holds <see cref="FieldProtector"/> ciphertext, registered by the feature that owns it
/// (<see cref="ProtectionFeature.AddProtectedColumn{T}"/>), so a key rotation re-encrypts every value and a test can check
/// that no encrypted column was forgotten.
/// </summary>
public interface IProtectedColumn
{
    /// <summary>The entity type.</summary>
    Type Entity { get; }

    /// <summary>The entity's property that holds the ciphertext.</summary>
    string Property { get; }

    /// <summary>How many values of this column are still encrypted with the key whose values start with <paramref name="keyPrefix"/>.</summary>
    Task<int> CountAsync(AppDbContext db, string keyPrefix, CancellationToken cancellationToken);

    /// <summary>
    /// Re-encrypts up to <paramref name="batch"/> values still under the key of <paramref name="keyPrefix"/> with their scope's
    /// active key and saves them. Returns how many were re-encrypted and how many could not be read (left as they are).
    /// </summary>
    Task<(int Reencrypted, int Unreadable)> ReencryptAsync(AppDbContext db, FieldProtector fields, string keyPrefix, int batch, CancellationToken cancellationToken);
}

/// <summary>A protected column of <typeparamref name="T"/>; <paramref name="where"/> gives each row's field scope.</summary>
public sealed class ProtectedColumn<T>(string property, Func<T, FieldScope> where) : IProtectedColumn
    where T : class
{
    public Type Entity => typeof(T);

    public string Property => property;

    public Task<int> CountAsync(AppDbContext db, string keyPrefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return Under(db, keyPrefix).CountAsync(cancellationToken);
    }

    public async Task<(int Reencrypted, int Unreadable)> ReencryptAsync(AppDbContext db, FieldProtector fields, string keyPrefix, int batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(fields);
        var rows = await Under(db, keyPrefix).Take(batch).ToListAsync(cancellationToken);
        int done = 0, unreadable = 0;
        foreach (var row in rows)
        {
            var value = db.Entry(row).Property<string?>(property);
            var scope = where(row);
            if (value.CurrentValue is { } cipher && fields.TryUnprotect(cipher, scope, out var plaintext))
            {
                value.CurrentValue = fields.Protect(plaintext, scope);
                done++;
            }
            else
            {
                unreadable++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return (done, unreadable);
    }

    private IQueryable<T> Under(AppDbContext db, string keyPrefix) =>
        db.Set<T>().Where(e => EF.Property<string?>(e, property) != null && EF.Property<string>(e, property).StartsWith(keyPrefix));
}
