using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Data;

/// <summary>
/// At every start, reads the database's durability settings and says them in the log (SECURITY.md RL-07). SQLite: the
/// write-ahead log (set here when an older file lacks it), synchronous=FULL (with WAL, NORMAL "might roll back following a
/// power loss": SQLite's own pragma documentation) and foreign keys on. PostgreSQL: fsync, synchronous_commit and
/// full_page_writes on (since the 2019 fsync change a failed fsync panics instead of losing writes; with fsync off it cannot).
/// A setting that can lose committed data stops a real deployment (Production, Staging) and is a warning in Development and tests.
/// </summary>
public sealed class DurabilityCheck(AppDbContext db, IHostEnvironment environment, ILogger<DurabilityCheck> logger) : IStartupStep
{
    public int Order => -100;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        var sqlite = db.Database.IsSqlite();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (sqlite)
            {
                settings["journal_mode"] = await ReadAsync("PRAGMA journal_mode", cancellationToken);
                if (!settings["journal_mode"].Equals("wal", StringComparison.OrdinalIgnoreCase))
                {
                    settings["journal_mode"] = await ReadAsync("PRAGMA journal_mode=WAL", cancellationToken);
                }

                settings["synchronous"] = await ReadAsync("PRAGMA synchronous", cancellationToken);
                settings["foreign_keys"] = await ReadAsync("PRAGMA foreign_keys", cancellationToken);
            }
            else
            {
                foreach (var name in new[] { "fsync", "synchronous_commit", "full_page_writes" })
                {
                    settings[name] = await ReadAsync("SHOW " + name, cancellationToken);
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        var problems = Evaluate(sqlite, settings);
        logger.LogInformation("Database durability: {Settings}", string.Join(", ", settings.Select(s => s.Key + "=" + s.Value)));
        if (problems.Count == 0)
        {
            return;
        }

        if (StartupRules.IsStrict(environment))
        {
            throw new InvalidOperationException("OpenLER will not start: the database could lose committed data. " + string.Join(" ", problems));
        }

        foreach (var problem in problems)
        {
            logger.LogWarning("Database durability: {Problem}", problem);
        }
    }

    /// <summary>What in <paramref name="settings"/> could lose committed data, one sentence each; empty when durable.</summary>
    public static IReadOnlyList<string> Evaluate(bool sqlite, IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var problems = new List<string>();
        string Get(string name) => settings.TryGetValue(name, out var value) ? value.Trim().ToUpperInvariant() : "";
        if (sqlite)
        {
            if (Get("journal_mode") != "WAL")
            {
                problems.Add($"SQLite journal_mode is '{settings.GetValueOrDefault("journal_mode")}', not WAL.");
            }

            // PRAGMA synchronous: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA.
            if (Get("synchronous") is not ("2" or "3" or "FULL" or "EXTRA"))
            {
                problems.Add($"SQLite synchronous is '{settings.GetValueOrDefault("synchronous")}', not FULL: with WAL, a power loss can roll back committed transactions.");
            }

            if (Get("foreign_keys") is not ("1" or "ON"))
            {
                problems.Add("SQLite foreign_keys is off: rows could point at deleted ones.");
            }
        }
        else
        {
            foreach (var name in new[] { "fsync", "full_page_writes" })
            {
                if (Get(name) != "ON")
                {
                    problems.Add($"PostgreSQL {name} is '{settings.GetValueOrDefault(name)}', not on.");
                }
            }

            if (Get("synchronous_commit") == "OFF")
            {
                problems.Add("PostgreSQL synchronous_commit is off: a crash can lose the last committed transactions.");
            }
        }

        return problems;
    }

    private async Task<string> ReadAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
#pragma warning disable CA2100 // Fixed statements of this class only.
        command.CommandText = sql;
#pragma warning restore CA2100
        return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }
}
