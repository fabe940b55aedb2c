using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Messaging;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Benchmarks;

/// <summary>
/// What enqueueing a sign-in code adds to a request: <see cref="IMessageOutbox.EnqueueAsync"/> (check, JSON, Data
/// Protection encryption, one INSERT) against the same INSERT with the payload in clear, on a SQLite file.
/// </summary>
[MemoryDiagnoser]
public class MessageOutboxBenchmarks
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "openler-bench-" + Guid.NewGuid().ToString("N"));
    private ServiceProvider _services = null!;

    [GlobalSetup]
    public void Setup()
    {
        Directory.CreateDirectory(_folder);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(TextCatalog.Embedded);
        services.AddDataProtection().SetApplicationName("OpenLer").PersistKeysToFileSystem(new DirectoryInfo(_folder));
        services.AddDbContext<AppDbContext, SqliteAppDbContext>(o => o.UseSqlite($"Data Source={Path.Combine(_folder, "bench.db")}"));
        services.AddMessaging(new ConfigurationBuilder().Build());
        _services = services.BuildServiceProvider();
        using var scope = _services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.Migrate();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public async Task PlainInsert()
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = DateTime.UtcNow;
        db.Set<QueuedMessage>().Add(new QueuedMessage
        {
            Id = Guid.NewGuid(),
            Kind = MessageKind.SignInCode,
            Channel = MessageChannel.Sms,
            Payload = """{"Contact":"+15205550142","Language":"en","Values":{"code":"482913"}}""",
            CreatedAt = now,
            ExpiresAt = now.AddMinutes(10),
            NextAttemptAt = now,
        });
        await db.SaveChangesAsync();
    }

    [Benchmark]
    public async Task<Guid> Enqueue()
    {
        await using var scope = _services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<IMessageOutbox>().EnqueueAsync(OutgoingMessage.SignInCode("+15205550142", "en", "482913"));
        return outcome.Value;
    }
}
