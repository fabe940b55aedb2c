using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Protection;

/// <summary>Makes sure people's scope and every organization have an encryption key and an index key (new organizations get theirs when created).</summary>
public sealed class DataKeysStartup(AppDbContext db, DataKeyRing ring) : IStartupStep
{
    public int Order => 10;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var scopes = await db.Organizations.Select(o => o.Id).ToListAsync(cancellationToken);
        scopes.Add(FieldScope.People);
        var existing = await db.Set<DataKey>().Where(k => k.RetiredAt == null && k.RevokedAt == null)
            .Select(k => new { k.Scope, k.Purpose }).ToListAsync(cancellationToken);
        foreach (var scope in scopes)
        {
            foreach (var purpose in new[] { DataKeyPurpose.Encryption, DataKeyPurpose.Index })
            {
                if (!existing.Any(k => k.Scope == scope && k.Purpose == purpose))
                {
                    ring.Create(db, scope, purpose);
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
