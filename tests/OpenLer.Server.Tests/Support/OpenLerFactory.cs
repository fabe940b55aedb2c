using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenLer.Credentials.Tests.Support;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Tests.Support;

/// <summary>Which database a test runs on.</summary>
public enum Db { Sqlite, Postgres }

/// <summary>
/// The app in memory (or on a real Kestrel port for the browser tests) on a fresh database: a temporary SQLite file, or a
/// PostgreSQL database of its own (OPENLER_TEST_POSTGRES) dropped at the end. Every log line is captured.
/// </summary>
public sealed class OpenLerFactory : WebApplicationFactory<Program>
{
    public const string PostgresVariable = "OPENLER_TEST_POSTGRES";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "openler-server-tests", Guid.NewGuid().ToString("N"));
    private readonly string? _postgres;
    private readonly Dictionary<string, string?> _settings;

    private readonly Action<IServiceCollection>? _configure;
    private readonly string _environment;

    private readonly bool _realMessages;

    /// <param name="realMessages">Send through the real queue and channels (configured in <paramref name="settings"/>) instead of capturing.</param>
    /// <param name="environment">The hosting environment ("Production" for the start-up rules, HTTPS and HSTS).</param>
    public OpenLerFactory(Db db = Db.Sqlite, bool kestrel = false, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null,
        bool realMessages = false, string environment = "Testing")
    {
        _configure = configure;
        _realMessages = realMessages;
        _environment = environment;
        Database = db;
        Directory.CreateDirectory(_folder);
        _settings = new Dictionary<string, string?>
        {
            ["OpenLer:Demo"] = "false",
            ["OpenLer:LocalBaseUrl"] = "https://localhost",
            ["OpenLer:CodeResendSeconds"] = "0",
            ["Database:DataFolder"] = _folder,
        };
        if (db == Db.Postgres)
        {
            var baseConnection = Environment.GetEnvironmentVariable(PostgresVariable)
                ?? throw new InvalidOperationException(PostgresVariable + " is not set.");
            var builder = new NpgsqlConnectionStringBuilder(baseConnection) { Database = "openler_test_" + Guid.NewGuid().ToString("N")[..16] };
            _postgres = builder.ConnectionString;
            _settings["Database:Provider"] = "Postgres";
            _settings["Database:ConnectionString"] = _postgres;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        if (kestrel)
        {
            UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        }
    }

    public Db Database { get; }

    /// <summary>The folder of the SQLite database and other files the app made (the key file among them).</summary>
    public string DataFolder => _folder;

    public ConcurrentQueue<string> Logs { get; } = new();

    /// <summary>What the app sent (sign-in and invitation codes), instead of a real channel (outside demo mode).</summary>
    public CapturedMessages Messages { get; } = new();

    /// <summary>Authenticator keys of the admins this factory created, by e-mail (admins must use a second step).</summary>
    public ConcurrentDictionary<string, string> AuthenticatorKeys { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Skips the test when PostgreSQL is asked for but not configured.</summary>
    public static void SkipUnlessAvailable(Db db)
    {
        if (db == Db.Postgres && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresVariable)))
        {
            Requirements.Missing($"PostgreSQL tests need {PostgresVariable} (e.g. Host=127.0.0.1;Port=5432;Username=postgres;Password=openler-ci;Database=postgres); .ci/run sets it.");
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, TestClientAddress>();
            _configure?.Invoke(services);
            if (!_realMessages && !string.Equals(_settings["OpenLer:Demo"], "true", StringComparison.OrdinalIgnoreCase))
            {
                services.RemoveAll<IAccountMessages>();
                services.AddSingleton(Messages);
                services.AddSingleton<IAccountMessages>(Messages);
            }
        });

        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddProvider(new CapturingLoggerProvider(Logs));
        });
    }

    /// <summary>
    /// An HTTPS client (Secure cookies) that keeps cookies and does not follow redirects, speaking from
    /// <paramref name="address"/> when given; it asks for the deployment's public host when one is set (only that host
    /// is allowed then).
    /// </summary>
    public HttpClient Client(string? address = null)
    {
        var host = _settings.TryGetValue("OpenLer:PublicHost", out var publicHost) && !string.IsNullOrEmpty(publicHost) ? publicHost : "localhost";
        var client = CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://" + host),
            AllowAutoRedirect = false,
            HandleCookies = true,
        });
        if (address is not null)
        {
            client.DefaultRequestHeaders.Add(TestClientAddress.Header, address);
        }

        return client;
    }

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>Creates an organization with a site and an admin; returns its id.</summary>
    public Task<Organization> CreateOrganizationAsync(string slug, string adminEmail, string password = "Test-password-1", params string[] siteNames) =>
        WithScopeAsync(async services =>
        {
            var org = await services.GetRequiredService<OrganizationKeys>().CreateAsync("Org " + slug, slug, siteNames.Length == 0 ? [slug + " site"] : siteNames);
            await DemoData.EnsureRolesAsync(services.GetRequiredService<RoleManager<IdentityRole>>());
            var users = services.GetRequiredService<UserManager<StaffUser>>();
            var admin = await DemoData.CreateStaffAsync(users, org.Id, null, adminEmail, "Admin " + slug, AppClaims.OrgAdminRole, password);
            AuthenticatorKeys[adminEmail] = await DemoData.EnableSecondFactorAsync(users, admin);
            return org;
        });

    /// <summary>The signed JSON of the first credential issued (decrypted as the app reads it).</summary>
    public Task<string> FirstCredentialJsonAsync() =>
        WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            var credential = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
                Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AsNoTracking(db.Credentials.OrderBy(c => c.IssuedAt)));
            return services.GetRequiredService<OpenLer.Server.Features.Issuance.CaseRecords>().CredentialJson(credential);
        });

    /// <summary>Adds a staff member (site staff by default) at a site of the organization; returns their id.</summary>
    public Task<string> CreateStaffAsync(Guid organizationId, string email, string role = AppClaims.SpecialistRole, string? siteName = null, string password = "Test-password-1") =>
        WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            var site = siteName is null ? null : await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.Sites, s => s.OrganizationId == organizationId && s.Name == siteName);
            var user = await DemoData.CreateStaffAsync(services.GetRequiredService<UserManager<StaffUser>>(), organizationId, site?.Id, email, "Staff " + email, role, password);
            return user.Id;
        });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing)
        {
            return;
        }

        // OPENLER_TEST_DUMP_LOGS=1 writes the app's log lines of warning and above (to debug a failing test).
        if (Environment.GetEnvironmentVariable("OPENLER_TEST_DUMP_LOGS") == "1")
        {
            foreach (var line in Logs.Where(l => l.StartsWith("Warning", StringComparison.Ordinal) || l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal)))
            {
                Console.Error.WriteLine(line);
            }
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (_postgres is not null)
        {
            var builder = new NpgsqlConnectionStringBuilder(_postgres);
            var name = builder.Database;
            builder.Database = "postgres";
            using var connection = new NpgsqlConnection(builder.ConnectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
            command.ExecuteNonQuery();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine: the temp folder is cleaned by the OS.
        }
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, logs);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> logs) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
                logs.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {values} {exception}");
            }
        }
    }
}
