using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace OpenLer.Server.Data;

/// <summary>
/// Applies the migrations so that a process killed while migrating cannot stop every later start. EF Core marks a running
/// migration on SQLite with a row in <c>__EFMigrationsLock</c> and waits, without end, while that row exists; a process
/// killed between writing and deleting it (found by the bulk crash test: SIGKILL during start-up) left every later start
/// waiting. On a SQLite file the migration is therefore serialized by an operating-system lock on a file beside the
/// database (released by the kernel when its holder dies); whoever holds it knows that a lock row left in the table belongs
/// to a dead process, removes it, and migrates. PostgreSQL needs none of this: EF's lock there is the session's, released
/// when a dead process's connection is dropped.
/// </summary>
public static class SafeMigrations
{
    /// <summary>How long a start waits for another process's migration before it gives up with an error.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromMinutes(10);

    public static async Task MigrateAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsSqlite() || SqliteFile(db) is not { } file)
        {
            await db.Database.MigrateAsync(cancellationToken);
            return;
        }

        await using var held = await LockAsync(file + ".migrating", cancellationToken);
        await RemoveLeftLockAsync(db, cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>The database file of a SQLite context, or null for an in-memory database (one process: nothing to serialize).</summary>
    private static string? SqliteFile(AppDbContext db)
    {
        var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
        return builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:"
            ? null
            : Path.GetFullPath(builder.DataSource);
    }

    /// <summary>An exclusive lock on <paramref name="path"/> (FileShare.None is an advisory <c>flock</c> on Linux and a share lock on Windows).</summary>
    private static async Task<FileStream> LockAsync(string path, CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow + Wait;
        while (true)
        {
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                return new FileStream(path, options);
            }
            catch (IOException e) when (e is not (DirectoryNotFoundException or PathTooLongException) && DateTime.UtcNow < until)
            {
                // Another process is migrating this database now: wait for it.
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }
        }
    }

    /// <summary>Deletes the migration lock row a killed process left (only called while holding the file lock).</summary>
    private static async Task RemoveLeftLockAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            await using var exists = connection.CreateCommand();
            exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'";
            if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                return;
            }

            await using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM \"__EFMigrationsLock\"";
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }
}
