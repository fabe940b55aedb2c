using Npgsql;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Scale;

/// <summary>
/// One database and one key file for several app instances, as a deployment of several servers has them: a SQLite file or
/// a PostgreSQL database of its own, dropped at the end.
/// </summary>
internal sealed class SharedDeployment : IAsyncDisposable
{
    private readonly string _folder;

    private SharedDeployment(string connectionString, string folder, string? postgresName)
    {
        ConnectionString = connectionString;
        _folder = folder;
        PostgresName = postgresName;
        KeyFile = Path.Combine(folder, "keyring.key");
        File.WriteAllText(KeyFile, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
    }

    public string ConnectionString { get; }

    public string KeyFile { get; }

    public string? PostgresName { get; }

    /// <summary>The settings an instance needs to join this deployment.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Database:ConnectionString"] = ConnectionString,
        ["DataProtection:KeyFile"] = KeyFile,
    };

    public static SharedDeployment Create(Db db)
    {
        var folder = Path.Combine(Path.GetTempPath(), "openler-scale-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        if (db == Db.Sqlite)
        {
            return new SharedDeployment($"Data Source={Path.Combine(folder, "shared.db")}", folder, null);
        }

        var builder = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(OpenLerFactory.PostgresVariable)) { Database = "openler_scale_" + Guid.NewGuid().ToString("N")[..16] };
        return new SharedDeployment(builder.ConnectionString, folder, builder.Database);
    }

    /// <summary>Drops the PostgreSQL database now (every connection closed by force): the database becomes unreachable.</summary>
    public async Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (PostgresName is null)
        {
            return;
        }

        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres" };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS \"{PostgresName}\" WITH (FORCE)";
        await command.ExecuteNonQueryAsync();
        NpgsqlConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await DropAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Still open on a slow machine: the temp folder is cleaned by the OS.
        }
    }
}
