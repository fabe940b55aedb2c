using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Infrastructure.Security;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Security;

/// <summary>
/// docs/security.md DR-07 to DR-10 and RL-07: what an operator's logs hold, what is purged on schedule, which settings a
/// deployment refuses to start with, and the database durability settings checked at every start.
/// </summary>
public sealed class OperationsSafetyTests
{
    private const string Person = "amina@ops.test";

    // ---- DR-07: EF Core never logs parameter values, and its command log stays off ----

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Dr07_Sensitive_data_logging_is_off_and_no_sql_command_reaches_the_logs(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", Person);
        var holder = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, holder, Person);
        await Journey.ShareAsync(holder);

        var (sensitive, detailed) = await app.WithScopeAsync(s =>
        {
            var core = s.GetRequiredService<AppDbContext>().GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()!;
            return Task.FromResult((core.IsSensitiveDataLoggingEnabled, core.DetailedErrorsEnabled));
        });
        Assert.False(sensitive);
        Assert.False(detailed);
        var logs = app.Logs.ToArray();
        Assert.DoesNotContain(logs, l => l.Contains("Microsoft.EntityFrameworkCore.Database.Command", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, l => l.Contains("@p0=", StringComparison.Ordinal) || l.Contains("@__", StringComparison.Ordinal));
    }

    // ---- DR-08: text with line breaks never forges a log line ----

    [Fact]
    public async Task Dr08_Typed_text_with_line_breaks_never_becomes_a_log_line()
    {
        const string forged = "2026-01-01 INFO admin login ok";
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client());
        await Journey.IssueAsync(app, staff, "admin@acme.test", "Forklift\r\n" + forged, Person);
        var holder = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, holder, Person);
        var sharing = await holder.GetAsync("/sharing");
        var preview = await holder.SubmitAsync(sharing, "#choose-form", new Dictionary<string, string> { ["days"] = "7", ["label"] = "Boss\n" + forged });
        await holder.SubmitAsync(preview, "#create-form", new Dictionary<string, string>());
        await new WebSession(app.Client()).GetAsync("/s/x%0d%0a" + Uri.EscapeDataString(forged), System.Net.HttpStatusCode.NotFound);
        await app.Client().PostAsync("/api/verify", new StringContent("{\"name\":\"x\\r\\n" + forged + "\"}"));
        var visitor = new WebSession(app.Client());
        await visitor.SubmitAsync(await visitor.GetAsync("/account/staff-sign-in"), "main form", new Dictionary<string, string> { ["email"] = "x\r\n" + forged + "@acme.test", ["password"] = "nope-nope-1" });

        var logs = app.Logs.ToArray();
        Assert.NotEmpty(logs);
        Assert.DoesNotContain(logs, l => l.Contains(forged, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.SelectMany(l => l.Split('\n')), line => line.TrimStart('\r').StartsWith("2026-01-01", StringComparison.Ordinal));
    }

    // ---- DR-09: scheduled purge of what is no longer needed ----

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Dr09_Expired_sessions_used_codes_and_old_throttles_are_purged_by_housekeeping(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", Person);
        var holder = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, holder, Person);
        var failed = new WebSession(app.Client("192.0.2.99"));
        await failed.SubmitAsync(await failed.GetAsync("/account/staff-sign-in"), "main form", new Dictionary<string, string> { ["email"] = "admin@acme.test", ["password"] = "Wrong-password-1" });

        async Task<(int Codes, int Sessions, int Throttles)> Counts() => await app.WithScopeAsync(async s =>
        {
            var d = s.GetRequiredService<AppDbContext>();
            return (await d.LoginCodes.CountAsync(), await d.Set<UserSession>().CountAsync(), await d.Set<SignInThrottle>().CountAsync());
        });
        var before = await Counts();
        Assert.True(before.Codes > 0 && before.Sessions > 0 && before.Throttles > 0, before.ToString());

        // Housekeeping now keeps everything that is still live.
        var scopes = app.Services.GetRequiredService<IServiceScopeFactory>();
        await new AccountHousekeeping(scopes, new FakeTimeProvider(DateTimeOffset.UtcNow), NullLogger<AccountHousekeeping>.Instance).RunOnceAsync(default);
        Assert.Equal(before, await Counts());

        // Past every lifetime (jobseeker sessions 30 days), it removes them all.
        var later = new FakeTimeProvider(DateTimeOffset.UtcNow + TimeSpan.FromDays(32));
        await new AccountHousekeeping(scopes, later, NullLogger<AccountHousekeeping>.Instance).RunOnceAsync(default);
        Assert.Equal((0, 0, 0), await Counts());
    }

    // ---- DR-10: settings a deployment refuses to start with ----

    private static IReadOnlyList<string> Check(string environment, IConfiguration configuration) =>
        StartupRules.Check(configuration, new HostingEnvironment { EnvironmentName = environment });

    [Fact]
    public void Dr10_A_key_file_holding_a_pattern_is_refused_in_every_environment()
    {
        var folder = Directory.CreateTempSubdirectory("openler-dr10");
        try
        {
            foreach (var (name, bytes) in new[] { ("zeros", new byte[32]), ("counting", Enumerable.Range(0, 32).Select(i => (byte)(i % 8)).ToArray()), ("repeated", Enumerable.Repeat((byte)0x41, 32).ToArray()) })
            {
                var path = Path.Combine(folder.FullName, name + ".key");
                File.WriteAllText(path, Convert.ToBase64String(bytes));
                foreach (var environment in new[] { "Production", "Development" })
                {
                    var problems = Check(environment, new ConfigurationBuilder().AddInMemoryCollection([new("DataProtection:KeyFile", path)]).Build());
                    Assert.Contains(problems, p => p.StartsWith("DataProtection:KeyFile", StringComparison.Ordinal) && p.Contains("pattern", StringComparison.Ordinal));
                }
            }

            using var random = new TemporaryKeyFile();
            Assert.Empty(Check("Production", new ConfigurationBuilder().AddInMemoryCollection([new("DataProtection:KeyFile", random.Path)]).Build()));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("OpenLer:Messaging:Smtp:Password")]
    [InlineData("OpenLer:Messaging:Sms:AuthToken")]
    [InlineData("DataProtection:CertificatePassword")]
    [InlineData("OpenLer:Bootstrap:AdminPassword")]
    [InlineData("Database:ConnectionString")]
    public void Dr10_A_secret_written_in_a_shipped_settings_file_is_refused_outside_development(string setting)
    {
        var folder = Directory.CreateTempSubdirectory("openler-dr10");
        try
        {
            using var key = new TemporaryKeyFile();
            var value = setting == "Database:ConnectionString" ? "Host=db;Username=openler;Password=hunter2" : "hunter2";
            var json = new System.Text.Json.Nodes.JsonObject();
            var node = json;
            var parts = setting.Split(':');
            foreach (var part in parts[..^1])
            {
                node = (System.Text.Json.Nodes.JsonObject)(node[part] ??= new System.Text.Json.Nodes.JsonObject());
            }

            node[parts[^1]] = value;
            File.WriteAllText(Path.Combine(folder.FullName, "appsettings.json"), json.ToJsonString());
            IConfiguration Build() => new ConfigurationBuilder()
                .AddJsonFile(Path.Combine(folder.FullName, "appsettings.json"))
                .AddInMemoryCollection([new("DataProtection:KeyFile", key.Path)])
                .Build();

            var problem = Assert.Single(Check("Production", Build()));
            Assert.StartsWith(setting, problem, StringComparison.Ordinal);
            Assert.DoesNotContain("hunter2", problem, StringComparison.Ordinal);
            Assert.Empty(Check("Development", Build()));

            // The same value from an environment variable (any non-file provider) is how it should be given.
            Assert.Empty(Check("Production", new ConfigurationBuilder().AddInMemoryCollection([new(setting, value), new("DataProtection:KeyFile", key.Path)]).Build()));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("http://0.0.0.0:5000", false)]
    [InlineData("http://*:5000", false)]
    [InlineData("http://+:80", false)]
    [InlineData("http://192.0.2.10:5000", false)]
    [InlineData("http://[::]:5000", false)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://127.0.0.1:5000;https://[::1]:5001", true)]
    public void Dr10_The_development_environment_only_listens_on_this_machine(string urls, bool allowed)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("urls", urls)]).Build();
        var problems = Check("Development", configuration);
        Assert.Equal(allowed, problems.Count == 0);
        if (!allowed)
        {
            Assert.Contains(problems, p => p.Contains("Development environment", StringComparison.Ordinal));
        }

        var kestrel = new ConfigurationBuilder().AddInMemoryCollection([new("Kestrel:Endpoints:Http:Url", urls.Split(';')[0])]).Build();
        Assert.Equal(allowed, Check("Development", kestrel).Count == 0);
    }

    // ---- RL-07: durability settings at every start ----

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Rl07_Every_start_checks_and_logs_the_databases_durability_settings(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        _ = app.Client();
        var line = Assert.Single(app.Logs, l => l.Contains("Database durability:", StringComparison.Ordinal) && l.StartsWith("Information", StringComparison.Ordinal));
        if (db == Db.Sqlite)
        {
            Assert.Contains("journal_mode=wal", line, StringComparison.Ordinal);
            Assert.Contains("synchronous=2", line, StringComparison.Ordinal);
            Assert.Contains("foreign_keys=1", line, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("fsync=on", line, StringComparison.Ordinal);
            Assert.Contains("synchronous_commit=on", line, StringComparison.Ordinal);
            Assert.Contains("full_page_writes=on", line, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(app.Logs, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("Database durability", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rl07_An_older_sqlite_file_without_the_write_ahead_log_gets_it_at_start()
    {
        var folder = Directory.CreateTempSubdirectory("openler-rl07").FullName;
        try
        {
            await using (var old = new SqliteConnection($"Data Source={Path.Combine(folder, "openler.db")};Pooling=false"))
            {
                await old.OpenAsync(TestContext.Current.CancellationToken);
                await using var command = old.CreateCommand();
                command.CommandText = "PRAGMA journal_mode=DELETE; CREATE TABLE keep_me(x INTEGER);";
                await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            }

            using (var app = new OpenLerFactory(settings: new Dictionary<string, string?> { ["Database:DataFolder"] = folder }))
            {
                _ = app.Client();
                Assert.Contains(app.Logs, l => l.Contains("journal_mode=wal", StringComparison.Ordinal));
            }

            SqliteConnection.ClearAllPools();
            await using var check = new SqliteConnection($"Data Source={Path.Combine(folder, "openler.db")};Pooling=false");
            await check.OpenAsync(TestContext.Current.CancellationToken);
            await using var pragma = check.CreateCommand();
            pragma.CommandText = "PRAGMA journal_mode";
            Assert.Equal("wal", (string?)await pragma.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    public static TheoryData<bool, string, string, string> Unsafe => new()
    {
        { true, "journal_mode", "delete", "journal_mode" },
        { true, "synchronous", "1", "synchronous" },
        { true, "synchronous", "0", "synchronous" },
        { true, "foreign_keys", "0", "foreign_keys" },
        { false, "fsync", "off", "fsync" },
        { false, "full_page_writes", "off", "full_page_writes" },
        { false, "synchronous_commit", "off", "synchronous_commit" },
    };

    [Theory]
    [MemberData(nameof(Unsafe))]
    public void Rl07_A_setting_that_can_lose_committed_data_is_named(bool sqlite, string name, string value, string named)
    {
        var settings = sqlite
            ? new Dictionary<string, string> { ["journal_mode"] = "wal", ["synchronous"] = "2", ["foreign_keys"] = "1" }
            : new Dictionary<string, string> { ["fsync"] = "on", ["synchronous_commit"] = "on", ["full_page_writes"] = "on" };
        Assert.Empty(DurabilityCheck.Evaluate(sqlite, settings));
        settings[name] = value;
        var problem = Assert.Single(DurabilityCheck.Evaluate(sqlite, settings));
        Assert.Contains(named, problem, StringComparison.Ordinal);
    }
}
