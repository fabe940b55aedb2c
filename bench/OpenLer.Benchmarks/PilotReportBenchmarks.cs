using System.Data.Common;
using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Reports;

namespace OpenLer.Benchmarks;

/// <summary>
/// The pilot report for an organization with 200,000 issued credentials on a SQLite file: 2 sites, 3 programs, 3
/// languages, 12 months; most people go further down the funnel than not, 1 in 20 is hired. <see cref="BuildReport"/> is
/// the page's work when the snapshot is current (<see cref="PilotReports.BuildAsync"/>: the fingerprint, the snapshot row,
/// suppression over every table); <see cref="RebuildSnapshot"/> is the background rebuild (every enrollment's funnel read
/// and aggregated).
/// </summary>
[MemoryDiagnoser]
public class PilotReportBenchmarks
{
    public const int Credentials = 200_000;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "openler-bench-" + Guid.NewGuid().ToString("N"));
    private readonly Guid _org = Guid.NewGuid();
    private DbContextOptions<SqliteAppDbContext> _options = null!;
    private ServiceProvider _services = null!;

    [Params(ReportDimension.Site, ReportDimension.Cohort)]
    public ReportDimension By { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Directory.CreateDirectory(_folder);
        _options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={Path.Combine(_folder, "bench.db")}").Options;
        using var _db = new SqliteAppDbContext(_options);
        _db.Database.Migrate();
        var start = new DateTime(2026, 1, 1, 9, 0, 0, DateTimeKind.Utc);
        _db.Organizations.Add(new Organization { Id = _org, Slug = "bench", Name = "Bench", CreatedAt = start });
        Guid[] sites = [Guid.NewGuid(), Guid.NewGuid()];
        Guid[] programs = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];
        foreach (var site in sites)
        {
            _db.Sites.Add(new Site { Id = site, OrganizationId = _org, Name = "Site " + site.ToString("N")[..4] });
        }

        foreach (var program in programs)
        {
            _db.Programs.Add(new AchievementProgram { Id = program, OrganizationId = _org, Name = "Program " + program.ToString("N")[..4], CreatedAt = start });
        }

        _db.SaveChanges();
        var connection = _db.Database.GetDbConnection();
        connection.Open();
        using var transaction = connection.BeginTransaction();
        string[] languages = ["en", "es", "ar"];
        for (var i = 0; i < Credentials; i++)
        {
            var enrolled = start.AddDays(i % 365).AddMinutes(i % 997);
            var jobseeker = Guid.NewGuid();
            var client = Guid.NewGuid();
            var enrollment = Guid.NewGuid();
            var credential = Guid.NewGuid();
            var reach = 3 + (i % 7); // 3 (issued) .. 9 (hired)
            Insert(connection, "INSERT INTO \"Jobseekers\" (\"Id\",\"ContactKind\",\"Language\",\"Notifications\",\"CreatedAt\",\"FirstSignInAt\") VALUES (@p0,'email',@p1,1,@p2,@p3)",
                jobseeker, languages[i % 3], enrolled, reach >= 4 ? enrolled.AddDays(30) : null);
            Insert(connection, "INSERT INTO \"Clients\" (\"Id\",\"OrganizationId\",\"SiteId\",\"JobseekerId\",\"Link\",\"Language\",\"CreatedAt\") VALUES (@p0,@p1,@p2,@p3,'created',@p4,@p5)",
                client, _org, sites[i % 2], jobseeker, languages[i % 3], enrolled);
            Insert(connection, "INSERT INTO \"Enrollments\" (\"Id\",\"OrganizationId\",\"ClientId\",\"ProgramId\",\"Cohort\",\"EnrolledAt\",\"CompletedAt\") VALUES (@p0,@p1,@p2,@p3,'c',@p4,@p5)",
                enrollment, _org, client, programs[i % 3], enrolled, enrolled.AddDays(21));
            Insert(connection, "INSERT INTO \"Credentials\" (\"Id\",\"OrganizationId\",\"EnrollmentId\",\"JobseekerId\",\"AchievementName\",\"IssuedAt\",\"StatusPurpose\",\"StatusListNumber\",\"StatusListIndex\",\"Format\") VALUES (@p0,@p1,@p2,@p3,'A',@p4,'revocation',1,@p5,'ldp_vc')",
                credential, _org, enrollment, jobseeker, enrolled.AddDays(22), i);
            if (reach < 5)
            {
                continue;
            }

            var share = Guid.NewGuid();
            Insert(connection, "INSERT INTO \"Shares\" (\"Id\",\"JobseekerId\",\"TokenHash\",\"Nonce\",\"CreatedAt\",\"ExpiresAt\") VALUES (@p0,@p1,@p2,'n',@p3,@p4)",
                share, jobseeker, share.ToString("N"), enrolled.AddDays(32), enrolled.AddDays(122));
            Insert(connection, "INSERT INTO \"ShareItems\" (\"Id\",\"ShareId\",\"Kind\",\"CredentialId\") VALUES (@p0,@p1,'credential',@p2)", Guid.NewGuid(), share, credential);
            if (reach >= 6)
            {
                Insert(connection, "INSERT INTO \"ShareOpens\" (\"Id\",\"ShareId\",\"OpenedAt\") VALUES (@p0,@p1,@p2)", Guid.NewGuid(), share, enrolled.AddDays(33));
            }

            if (reach >= 7)
            {
                var application = Guid.NewGuid();
                Insert(connection, "INSERT INTO \"Applications\" (\"Id\",\"VacancyId\",\"CompanyId\",\"JobseekerId\",\"Stage\",\"ShareId\",\"ShareExperience\",\"WorkAuthorizationAsked\",\"Outcome\",\"CreatedAt\",\"AppliedAt\") VALUES (@p0,@p1,@p2,@p3,'applied',@p4,0,0,'none',@p5,@p5)",
                    application, Guid.NewGuid(), Guid.NewGuid(), jobseeker, share, enrolled.AddDays(35));
                for (var k = 8; k <= reach; k++)
                {
                    Insert(connection, "INSERT INTO \"ApplicationEvents\" (\"Id\",\"ApplicationId\",\"Kind\",\"ActorKind\",\"At\") VALUES (@p0,@p1,@p2,'employer',@p3)",
                        Guid.NewGuid(), application, k == 8 ? "interviewed" : "hired", enrolled.AddDays(35 + (k * 4)));
                }
            }
        }

        transaction.Commit();
        connection.Close();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        services.AddSingleton<IHostApplicationLifetime, Microsoft.Extensions.Hosting.Internal.ApplicationLifetime>();
        services.AddDbContext<AppDbContext, SqliteAppDbContext>(o => o.UseSqlite($"Data Source={Path.Combine(_folder, "bench.db")}"));
        services.AddReports();
        _services = services.BuildServiceProvider();

        // The first build, as the first reader of the report (or the background rebuild) does it.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var scope = _services.CreateScope();
        var snapshot = scope.ServiceProvider.GetRequiredService<ReportSnapshots>().RebuildAsync(_org).GetAwaiter().GetResult();
        Console.WriteLine($"// First snapshot build for {Credentials:N0} credentials: {watch.Elapsed.TotalSeconds:F1} s (recorded {snapshot.BuildMilliseconds} ms)");
    }

    private static void Insert(DbConnection connection, string sql, params object?[] values)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            parameter.Value = values[i] switch
            {
                null => DBNull.Value,
                Guid g => g.ToString("D").ToUpperInvariant(),
                DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture),
                var v => v,
            };
            command.Parameters.Add(parameter);
        }

        command.ExecuteNonQuery();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The report page's work with a current snapshot (what a reader waits for).</summary>
    [Benchmark]
    public async Task<int> BuildReport()
    {
        await using var scope = _services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<PilotReports>().BuildAsync(_org, By);
        return report is null || report.Updating ? throw new InvalidOperationException("The snapshot was not current.") : report.Rows.Count;
    }

    /// <summary>The snapshot rebuild (in the background for an organization this large).</summary>
    [Benchmark]
    public async Task<int> RebuildSnapshot()
    {
        await using var scope = _services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ReportSnapshots>().RebuildAsync(_org)).BuildMilliseconds;
    }
}
