using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Features.Issuance.Bulk;
using OpenLer.Server.Features.Verify;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Bulk;

/// <summary>What the bulk issuance tests share: settings, a program, files, running a job to its end, verifying everything.</summary>
internal static class BulkHarness
{
    public const string Header = "contact,name,program,completion_date,evidence,english_level,language";

    /// <summary>Small batches, a one-second lease and a fast poll, so stops and take-overs happen within a test.</summary>
    public static Dictionary<string, string?> Fast(bool worker = true, int batch = 50) => new()
    {
        ["OpenLer:BulkIssuance:BatchSize"] = batch.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["OpenLer:BulkIssuance:Lease"] = "00:00:01",
        ["OpenLer:BulkIssuance:PollInterval"] = "00:00:00.100",
        ["OpenLer:BulkIssuance:Worker"] = worker ? "true" : "false",
    };

    public static Task<Guid> ProgramAsync(OpenLerFactory app, Guid organizationId, string name = "Job Readiness") =>
        app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            var program = new AchievementProgram
            {
                Id = Guid.NewGuid(),
                OrganizationId = organizationId,
                Name = name,
                Description = "Workshops on applications, interviews and the workplace.",
                Criteria = "Attended 40 hours and a mock interview.",
                RecordsEnglishLevel = true,
                CreatedAt = DateTime.UtcNow,
            };
            db.Programs.Add(program);
            await db.SaveChangesAsync();
            return program.Id;
        });

    /// <summary>Rows <paramref name="from"/> .. from+count-1 of made-up people (example.org) who completed the program.</summary>
    public static string Rows(int from, int count, string program = "Job Readiness")
    {
        var text = new StringBuilder();
        for (var i = from; i < from + count; i++)
        {
            text.Append("person").Append(i).Append("@example.org,Person ").Append(i).Append(',').Append(program)
                .Append(",2026-05-").Append((1 + (i % 28)).ToString("00", System.Globalization.CultureInfo.InvariantCulture)).Append(",Completed 40 hours,B1,en\n");
        }

        return text.ToString();
    }

    public static byte[] File(string rows) => Encoding.UTF8.GetBytes(Header + "\n" + rows);

    /// <summary>Uploads a file as the command does (organization level, no site scope) and queues it; returns the import.</summary>
    public static Task<BulkImport> UploadAsync(OpenLerFactory app, Guid organizationId, byte[] file) =>
        app.WithScopeAsync(async services =>
        {
            var imports = services.GetRequiredService<BulkImports>();
            var (import, problem) = await imports.CreateAsync(organizationId, null, file, new BulkImports.Uploader("test", (AuditActors.System, "test"), null));
            Assert.Null(problem);
            Assert.True(await imports.QueueAsync(organizationId, import!.Id, (AuditActors.System, "test")));
            return import;
        });

    /// <summary>Runs the job here until it is finished (or waits while another worker holds it); returns it as it ended.</summary>
    public static async Task<BulkImport> RunToEndAsync(OpenLerFactory app, Guid importId, string owner = "test", TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromMinutes(10));
        while (DateTime.UtcNow < deadline)
        {
            var ended = await app.WithScopeAsync(async services =>
            {
                var done = await services.GetRequiredService<BulkIssuanceRunner>().RunAsync(importId, owner);
                return done ?? await services.GetRequiredService<AppDbContext>().Set<BulkImport>().AsNoTracking().FirstAsync(i => i.Id == importId);
            });
            if (ended.State == BulkImportStates.Finished)
            {
                return ended;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The bulk issuance did not finish.");
    }

    /// <summary>Waits (the app's own worker runs it) until the import is finished.</summary>
    public static async Task<BulkImport> FinishedAsync(OpenLerFactory app, Guid importId, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromMinutes(10));
        while (DateTime.UtcNow < deadline)
        {
            var import = await app.WithScopeAsync(services => services.GetRequiredService<AppDbContext>().Set<BulkImport>().AsNoTracking().FirstAsync(i => i.Id == importId));
            if (import.State == BulkImportStates.Finished)
            {
                return import;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The bulk issuance did not finish.");
    }

    /// <summary>Every credential of the database verifies with the deployment's verifier (signature, issuer, status list).</summary>
    public static Task<int> VerifyAllAsync(OpenLerFactory app) =>
        app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            var records = services.GetRequiredService<CaseRecords>();
            var verifier = services.GetRequiredService<DeploymentVerifier>();
            var credentials = await db.Credentials.AsNoTracking().ToListAsync();
            foreach (var credential in credentials)
            {
                var result = await verifier.VerifyAsync(records.CredentialJson(credential));
                Assert.True(result.Verified, $"{credential.Id}: {result.FirstProblem?.Code} {result.FirstProblem?.Message}");
            }

            return credentials.Count;
        });

    /// <summary>Every credential has its own (list, index), and every list's allocation map holds every index used on it.</summary>
    public static Task AssertIndexesDistinctAsync(OpenLerFactory app) =>
        app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            var used = await db.Credentials.AsNoTracking().Select(c => new { c.OrganizationId, c.StatusListNumber, c.StatusListIndex }).ToListAsync();
            Assert.Equal(used.Count, used.Distinct().Count());
            var maps = await db.Set<StatusListAllocation>().AsNoTracking().Where(a => a.Purpose == "revocation").ToListAsync();
            foreach (var u in used)
            {
                var map = maps.Single(m => m.OrganizationId == u.OrganizationId && m.Number == u.StatusListNumber);
                Assert.True((map.Allocated[u.StatusListIndex >> 3] & (0x80 >> (u.StatusListIndex & 7))) != 0, "an index in use is not in its list's allocation map");
            }

            return true;
        });
}

/// <summary>One database and one key file for several app instances (every instance needs the key ring's key file).</summary>
internal sealed class SharedBulkDatabase : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string? _postgresName;

    private SharedBulkDatabase(string connectionString, string folder, string? postgresName)
    {
        ConnectionString = connectionString;
        _folder = folder;
        _postgresName = postgresName;
        KeyFile = Path.Combine(folder, "keyring.key");
        System.IO.File.WriteAllText(KeyFile, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
    }

    public string ConnectionString { get; }

    public string KeyFile { get; }

    public string Folder => _folder;

    public static SharedBulkDatabase Create(Db db)
    {
        var folder = Path.Combine(Path.GetTempPath(), "openler-bulk-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        if (db == Db.Sqlite)
        {
            return new SharedBulkDatabase($"Data Source={Path.Combine(folder, "shared.db")}", folder, null);
        }

        var builder = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(OpenLerFactory.PostgresVariable)) { Database = "openler_bulk_" + Guid.NewGuid().ToString("N")[..16] };
        return new SharedBulkDatabase(builder.ConnectionString, folder, builder.Database);
    }

    public Dictionary<string, string?> Settings(Dictionary<string, string?> more)
    {
        more["Database:ConnectionString"] = ConnectionString;
        more["DataProtection:KeyFile"] = KeyFile;
        return more;
    }

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (_postgresName is not null)
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres" };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)";
            await command.ExecuteNonQueryAsync();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on this platform: the temporary folder is left for the system to clean.
        }
    }
}
