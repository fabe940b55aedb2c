using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Issuance.Bulk;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Bulk;

/// <summary>
/// BulkRows (COPY on PostgreSQL, prepared INSERTs on SQLite) writes what SaveChanges would: EF reads every value back as
/// written (ids, times, nulls, text), more rows than one SQLite statement holds, updates by key touch only the named
/// columns, a unique index refusing a row surfaces as DbUpdateException, and nothing is written outside a transaction.
/// </summary>
public sealed class BulkRowsTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Rows_written_in_bulk_read_back_through_ef_as_written(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        var org = await app.CreateOrganizationAsync("bulkrows", "admin@bulkrows.test");
        var now = new DateTime(2026, 12, 7, 21, 30, 15, 123, DateTimeKind.Utc).AddTicks(4560);
        var keys = Enumerable.Range(0, 123).Select(i => new BulkIssuanceKey
        {
            Id = Guid.NewGuid(),
            OrganizationId = org.Id,
            Key = "key-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            CredentialId = Guid.NewGuid(),
            IssuedAt = now.AddSeconds(i),
        }).ToList();
        var wallet = new WalletKey { Id = Guid.NewGuid(), JobseekerId = Guid.NewGuid(), CredentialId = null, Did = "did:key:z6Mk-test", PublicKeyMultibase = "z6Mk-test", PrivateKeyCipher = "p1.test", CreatedAt = now };

        await app.WithScopeAsync(async services =>
        {
            var context = services.GetRequiredService<AppDbContext>();
            var bulk = services.GetRequiredService<BulkRows>();
            await Assert.ThrowsAsync<InvalidOperationException>(() => bulk.InsertAsync(keys));
            await using var transaction = await context.Database.BeginTransactionAsync();
            await bulk.InsertAsync(keys);
            await bulk.InsertAsync([wallet]);
            await transaction.CommitAsync();
            return true;
        });

        await app.WithScopeAsync(async services =>
        {
            var context = services.GetRequiredService<AppDbContext>();
            var read = await context.Set<BulkIssuanceKey>().AsNoTracking().Where(k => k.OrganizationId == org.Id).ToDictionaryAsync(k => k.Id);
            Assert.Equal(keys.Count, read.Count);
            foreach (var key in keys)
            {
                var back = read[key.Id];
                Assert.Equal((key.OrganizationId, key.Key, key.CredentialId), (back.OrganizationId, back.Key, back.CredentialId));
                Assert.Equal(key.IssuedAt, Utc(back.IssuedAt));
            }

            // Found by an indexed query on a Guid and a string, as the runner looks them up.
            var wanted = keys[77];
            Assert.Equal(wanted.Id, (await context.Set<BulkIssuanceKey>().AsNoTracking().SingleAsync(k => k.OrganizationId == org.Id && k.Key == wanted.Key)).Id);
            var walletBack = await context.Set<WalletKey>().AsNoTracking().SingleAsync(k => k.Id == wallet.Id);
            Assert.Null(walletBack.CredentialId);
            Assert.Equal((wallet.JobseekerId, wallet.Did, wallet.PrivateKeyCipher), (walletBack.JobseekerId, walletBack.Did, walletBack.PrivateKeyCipher));
            return true;
        });

        // Updating by key writes only the named columns.
        await app.WithScopeAsync(async services =>
        {
            var context = services.GetRequiredService<AppDbContext>();
            var bulk = services.GetRequiredService<BulkRows>();
            var changed = keys.Take(60).Select(k => new BulkIssuanceKey { Id = k.Id, OrganizationId = k.OrganizationId, Key = "changed", CredentialId = Guid.Empty, IssuedAt = now.AddDays(1) }).ToList();
            await using var transaction = await context.Database.BeginTransactionAsync();
            await bulk.UpdateAsync(changed, [nameof(BulkIssuanceKey.IssuedAt)]);
            await transaction.CommitAsync();
            var read = await context.Set<BulkIssuanceKey>().AsNoTracking().Where(k => k.OrganizationId == org.Id).ToDictionaryAsync(k => k.Id);
            Assert.All(keys.Take(60), k => Assert.Equal((k.Key, k.CredentialId, now.AddDays(1)), (read[k.Id].Key, read[k.Id].CredentialId, Utc(read[k.Id].IssuedAt))));
            Assert.All(keys.Skip(60), k => Assert.Equal(k.IssuedAt, Utc(read[k.Id].IssuedAt)));
            return true;
        });

        // A row a unique index refuses (same organization and key): DbUpdateException, and the transaction writes nothing.
        await app.WithScopeAsync(async services =>
        {
            var context = services.GetRequiredService<AppDbContext>();
            var bulk = services.GetRequiredService<BulkRows>();
            var fresh = new BulkIssuanceKey { Id = Guid.NewGuid(), OrganizationId = org.Id, Key = "fresh", CredentialId = Guid.NewGuid(), IssuedAt = now };
            var duplicate = new BulkIssuanceKey { Id = Guid.NewGuid(), OrganizationId = org.Id, Key = keys[5].Key, CredentialId = Guid.NewGuid(), IssuedAt = now };
            await using (var transaction = await context.Database.BeginTransactionAsync())
            {
                await Assert.ThrowsAsync<DbUpdateException>(() => bulk.InsertAsync([fresh, duplicate]));
            }

            Assert.False(await context.Set<BulkIssuanceKey>().AnyAsync(k => k.Id == fresh.Id || k.Id == duplicate.Id));
            return true;
        });
    }

    /// <summary>SQLite gives back times without a kind; both databases hold them in UTC.</summary>
    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}
