using Microsoft.EntityFrameworkCore;

namespace OpenLer.Server.Data;

/// <summary>Storage: a SQLite file in the data folder by default, PostgreSQL by configuration; migrations per provider.</summary>
public static class DatabaseSetup
{
    public static IServiceCollection AddOpenLerDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var provider = configuration["Database:Provider"] ?? "Sqlite";
        var connectionString = configuration["Database:ConnectionString"];
        if (IsPostgres(configuration))
        {
            services.AddDbContext<AppDbContext, PostgresAppDbContext>((sp, o) => o.UseNpgsql(connectionString).AddInterceptors(Interceptors(sp)));
        }
        else if (string.Equals(provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            // The data folder is 0700 and the database files 0600 (Infrastructure/Security/SecureFiles).
            var dataFolder = DataFolder(configuration, environment);
            Infrastructure.Security.SecureFiles.EnsurePrivateFolder(dataFolder);

            // Migrations run a few SQL statements (data copies) before SQLite rebuilds the altered tables at the end of the
            // migration; they are written for that order, so EF's warning about it is expected and silenced.
            services.AddDbContext<AppDbContext, SqliteAppDbContext>((sp, o) => o
                .UseSqlite(connectionString ?? $"Data Source={Path.Combine(dataFolder, "openler.db")}")
                .AddInterceptors(Interceptors(sp))
                .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.SqliteEventId.TableRebuildPendingWarning)));
        }
        else
        {
            throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not '{provider}'.");
        }

        services.AddScoped<Infrastructure.IStartupStep, DurabilityCheck>();
        services.AddScoped<BulkRows>();
        return services;
    }

    /// <summary>The interceptors features register (singletons), e.g. the organization stamps of Features/Organizations.</summary>
    private static IEnumerable<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor> Interceptors(IServiceProvider services) =>
        services.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>();

    public static bool IsPostgres(IConfiguration configuration) =>
        string.Equals(configuration?["Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>The folder of the SQLite database and other files the app creates (default App_Data beside the app).</summary>
    public static string DataFolder(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return configuration?["Database:DataFolder"] ?? Path.Combine(environment.ContentRootPath, "App_Data");
    }
}
