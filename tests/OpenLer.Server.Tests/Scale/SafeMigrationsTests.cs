using Microsoft.Data.Sqlite;
using OpenLer.Server.Tests.Bulk;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Scale;

/// <summary>
/// Found by the bulk crash test (bench/crash/bulk-crash.sh): a process killed while EF Core migrated a SQLite database left
/// its lock row in <c>__EFMigrationsLock</c>, and every later start (server or command) waited for it without end.
/// </summary>
public sealed class SafeMigrationsTests
{
    [Fact]
    public async Task A_start_after_a_process_was_killed_while_migrating_removes_its_lock_and_starts()
    {
        await using var shared = SharedBulkDatabase.Create(Db.Sqlite);
        using (var first = new OpenLerFactory(Db.Sqlite, settings: shared.Settings([])))
        {
            var home = await first.Client().GetAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.True(home.IsSuccessStatusCode);
        }

        // What a process killed between EF's lock and unlock leaves behind.
        await using (var connection = new SqliteConnection(shared.ConnectionString + ";Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO \"__EFMigrationsLock\" (\"Id\", \"Timestamp\") VALUES (1, '2026-12-08 01:51:40.8451345+00:00')";
            Assert.Equal(1, await insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        }

        // EF alone would wait here for ever; the start must instead finish (well within two minutes on a busy machine).
        var started = Task.Run(async () =>
        {
            using var second = new OpenLerFactory(Db.Sqlite, settings: shared.Settings([]));
            var response = await second.Client().GetAsync(new Uri("/", UriKind.Relative));
            return response.IsSuccessStatusCode;
        }, TestContext.Current.CancellationToken);
        Assert.True(await started.WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken));

        await using (var connection = new SqliteConnection(shared.ConnectionString + ";Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var count = connection.CreateCommand();
            count.CommandText = "SELECT count(*) FROM \"__EFMigrationsLock\"";
            Assert.Equal(0L, await count.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        }
    }
}
