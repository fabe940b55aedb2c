using OpenLer.Server.Data;

namespace OpenLer.Server.Infrastructure.Security;

/// <summary>
/// After the database is migrated: narrows the data folder to 0700 and the SQLite database, its -wal, -shm and -journal
/// files and the key file to 0600, whatever an earlier version left (new files are private already, see
/// <see cref="SecureFiles"/>).
/// </summary>
public sealed class FileModesStep(IConfiguration configuration, IHostEnvironment environment) : IStartupStep
{
    public int Order => 0;

    public Task RunAsync(CancellationToken cancellationToken)
    {
        var folder = DatabaseSetup.DataFolder(configuration, environment);
        if (Directory.Exists(folder))
        {
            SecureFiles.EnsurePrivateFolder(folder);
        }

        if (SqlitePath(configuration, environment) is { } database)
        {
            SecureFiles.RestrictSqlite(database);
        }

        SecureFiles.RestrictFile(configuration[KeyRingProtection.KeyFileSetting] is { Length: > 0 } keyFile
            ? keyFile
            : Path.Combine(folder, KeyRingProtection.DefaultKeyFileName));
        return Task.CompletedTask;
    }

    /// <summary>The SQLite database file, when SQLite is used.</summary>
    public static string? SqlitePath(IConfiguration configuration, IHostEnvironment environment)
    {
        if (DatabaseSetup.IsPostgres(configuration))
        {
            return null;
        }

        var connection = configuration?["Database:ConnectionString"];
        return connection is { Length: > 0 }
            ? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection).DataSource
            : Path.Combine(DatabaseSetup.DataFolder(configuration!, environment), "openler.db");
    }
}
