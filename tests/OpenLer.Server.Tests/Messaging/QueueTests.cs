using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Messaging;
using OpenLer.Server.Tests.Support;
using static OpenLer.Server.Tests.Messaging.MessagingHarness;

namespace OpenLer.Server.Tests.Messaging;

/// <summary>The queue on SQLite and PostgreSQL: claims, races between instances, expiry, encryption at rest, shutdown.</summary>
public sealed class QueueTests
{
    private const string Phone = "+15205550142";
    private const string Code = "K7Q2-93XZ";

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Two_app_instances_on_one_database_deliver_each_message_exactly_once(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        await using var sms = await FakeSmsApi.StartAsync();
        sms.Delay = TimeSpan.FromMilliseconds(20);
        await using var shared = SharedDatabase.Create(db);
        var settings = Sms(sms, new()
        {
            ["Database:ConnectionString"] = shared.ConnectionString,
            ["DataProtection:KeyFile"] = shared.KeyFile,
            ["OpenLer:Messaging:BatchSize"] = "3",
            ["OpenLer:Messaging:PollInterval"] = "00:00:00.050",
        });
        using var first = new OpenLerFactory(db, settings: settings);
        _ = first.Services;
        using var second = new OpenLerFactory(db, settings: settings);
        _ = second.Services;

        // Forty messages become visible at once (one transaction), then both dispatchers go for them.
        const int count = 40;
        await using (var scope = first.Services.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var outbox = scope.ServiceProvider.GetRequiredService<IMessageOutbox>();
            await using var transaction = await context.Database.BeginTransactionAsync();
            for (var i = 0; i < count; i++)
            {
                Assert.True((await outbox.EnqueueAsync(OutgoingMessage.SignInCode($"+1520555{i:0000}", "en", $"RACE-{i:00}"))).IsSuccess);
            }

            await transaction.CommitAsync();
        }

        Wake(first.Services);
        Wake(second.Services);
        await WaitUntilAsync(async () => (await DeliveriesAsync(first.Services)).Count == count, $"{count} delivery records");

        Assert.Equal(count, sms.Requests.Count);
        Assert.All(sms.Requests.GroupBy(r => r.Form["To"]), g => Assert.Single(g));
        Assert.All(await DeliveriesAsync(second.Services), d => Assert.Equal((DeliveryOutcome.Sent, 1), (d.Outcome, d.Attempts)));
        Assert.Equal(0, await QueuedAsync(second.Services));
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Concurrent_claims_never_hand_one_message_to_two_dispatchers(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db, settings: Fast());
        const int count = 120;
        for (var i = 0; i < count; i++)
        {
            Assert.True((await EnqueueAsync(app.Services, OutgoingMessage.SignInCode($"+1520555{i:0000}", "en", "123456"))).IsSuccess);
        }

        // Four claimers, each with its own connection, as four dispatchers would; none of them serves e-mail, all serve SMS.
        var claimed = new ConcurrentBag<Guid>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var queue = scope.ServiceProvider.GetRequiredService<MessageQueue>();
            while (await queue.ClaimAsync([MessageChannel.Sms], 5, TimeSpan.FromMinutes(1), CancellationToken.None) is { Count: > 0 } batch)
            {
                foreach (var message in batch)
                {
                    claimed.Add(message.Id);
                    Assert.True(await queue.FinishAsync(message, DeliveryOutcome.Sent, 1, null, CancellationToken.None));
                }
            }
        })));

        Assert.Equal(count, claimed.Count);
        Assert.Equal(count, claimed.Distinct().Count());
        Assert.Equal(count, (await DeliveriesAsync(app.Services)).Count);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_code_that_expired_before_it_could_be_sent_is_never_delivered(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        await using var sms = await FakeSmsApi.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var root = new OpenLerFactory(db, settings: Sms(sms));
        using var app = WithTime(root, time);
        Guid id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var transaction = await context.Database.BeginTransactionAsync();
            id = (await scope.ServiceProvider.GetRequiredService<IMessageOutbox>().EnqueueAsync(OutgoingMessage.SignInCode(Phone, "en", Code))).Value;
            time.Advance(OutgoingMessage.CodeLifetime);
            await transaction.CommitAsync();
        }

        Wake(app.Services);
        var record = await DeliveryAsync(app.Services, id);
        Assert.Equal((DeliveryOutcome.Expired, 0), (record.Outcome, record.Attempts));
        Assert.Empty(sms.Requests);
        Assert.Equal(0, await QueuedAsync(app.Services));
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_code_that_keeps_failing_is_given_up_at_its_expiry(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        await using var sms = await FakeSmsApi.StartAsync();
        sms.DefaultStatus = 503;
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var root = new OpenLerFactory(db, settings: Sms(sms, new() { ["OpenLer:Messaging:RetryDelay"] = "00:04:00" }));
        using var app = WithTime(root, time);
        var id = (await EnqueueAsync(app.Services, OutgoingMessage.SignInCode(Phone, "en", Code))).Value;
        await WaitUntilAsync(async () => await AttemptsAsync(app.Services, id) == 1, "the first attempt failed");
        time.Advance(TimeSpan.FromMinutes(5));
        Wake(app.Services);
        await WaitUntilAsync(async () => await AttemptsAsync(app.Services, id) == 2, "the second attempt failed");

        // The next try would be 8 minutes later: after the code's 10 minutes. It is dropped, not sent late.
        time.Advance(TimeSpan.FromMinutes(6));
        Wake(app.Services);
        var record = await DeliveryAsync(app.Services, id);
        Assert.Equal((DeliveryOutcome.Expired, 2, "sms.http-503"), (record.Outcome, record.Attempts, record.Error));
        Assert.Equal(2, sms.Requests.Count);
    }

    [Fact]
    public async Task The_sqlite_files_hold_neither_the_code_nor_the_contact_after_enqueueing_and_after_delivery()
    {
        await using var sms = await FakeSmsApi.StartAsync(503);
        var folder = Path.Combine(Path.GetTempPath(), "openler-messaging-tests", Guid.NewGuid().ToString("N"));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var root = new OpenLerFactory(Db.Sqlite, settings: Sms(sms, new() { ["Database:DataFolder"] = folder, ["OpenLer:Messaging:RetryDelay"] = "00:01:00" }));
        using var app = WithTime(root, time);
        var id = (await EnqueueAsync(app.Services, OutgoingMessage.SignInCode(Phone, "ar", Code))).Value;
        await WaitUntilAsync(async () => await AttemptsAsync(app.Services, id) == 1, "the first attempt failed (the message waits in the queue)");

        AssertFilesClean(folder);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // What is stored is Data Protection ciphertext under the queue's own purpose, and it holds the contact.
            var stored = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<QueuedMessage>().SingleAsync();
            var protector = scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector(MessageProtection.QueuePurpose);
            using var payload = System.Text.Json.JsonDocument.Parse(protector.Unprotect(Convert.FromBase64String(stored.Payload)));
            Assert.Equal(Phone, payload.RootElement.GetProperty("Contact").GetString());
            Assert.DoesNotContain(Code, stored.Payload, StringComparison.Ordinal);
        }

        time.Advance(TimeSpan.FromMinutes(2));
        Wake(app.Services);
        var record = await DeliveryAsync(app.Services, id);
        Assert.Equal((DeliveryOutcome.Sent, 2), (record.Outcome, record.Attempts));
        Assert.Contains(Code, sms.Requests.Last().Form["Body"], StringComparison.Ordinal);
        AssertFilesClean(folder);
        AssertNoLeak(root.Logs, Phone, "5205550142", Code);
    }

    [Fact]
    public async Task Stopping_the_app_delivers_the_messages_that_are_due_first()
    {
        await using var sms = await FakeSmsApi.StartAsync();
        var app = new OpenLerFactory(Db.Sqlite, settings: Sms(sms, new() { ["OpenLer:Messaging:PollInterval"] = "01:00:00" }));
        try
        {
            _ = app.Services;
            await WaitUntilAsync(() => Task.FromResult(app.Logs.Any(l => l.Contains("Messaging: SMS only", StringComparison.Ordinal))), "the dispatcher started");

            // Enqueued without waking this dispatcher (as another instance would): only a poll, an hour away, or the flush finds it.
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var services = scope.ServiceProvider;
                using var signal = new DispatchSignal();
                var outbox = new MessageOutbox(services.GetRequiredService<AppDbContext>(), services.GetRequiredService<MessageProtection>(), signal, TimeProvider.System, NullLogger<MessageOutbox>.Instance);
                Assert.True((await outbox.EnqueueAsync(OutgoingMessage.SignInCode(Phone, "en", Code))).IsSuccess);
            }

            // Nothing wakes the dispatcher before the stop (a pause to let a wrong wake-up show, not a timing measurement).
            await Task.Delay(500);
            Assert.Empty(sms.Requests);
        }
        finally
        {
            app.Dispose();
        }

        var request = Assert.Single(sms.Requests);
        Assert.Contains(Code, request.Form["Body"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_smtp_or_sms_a_warning_names_the_settings_and_messages_wait_until_they_expire()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var root = new OpenLerFactory(Db.Sqlite, settings: Fast());
        using var app = WithTime(root, time);
        Assert.False(app.Services.GetRequiredService<IOptions<MessagingOptions>>().Value.IsConfigured);
        var id = (await EnqueueAsync(app.Services, OutgoingMessage.SignInCode("amina.canary@example.org", "en", Code))).Value;
        await WaitUntilAsync(() => Task.FromResult(root.Logs.Any(l => l.Contains("Messaging is not configured", StringComparison.Ordinal))), "the warning");
        var warnings = root.Logs.Where(l => l.Contains("Messaging is not configured", StringComparison.Ordinal)).ToList();
        var warning = Assert.Single(warnings);
        Assert.StartsWith("Warning", warning, StringComparison.Ordinal);
        Assert.Contains("OpenLer:Messaging:Smtp:Host", warning, StringComparison.Ordinal);
        Assert.Contains("OpenLer:Messaging:Sms:AccountSid", warning, StringComparison.Ordinal);
        Assert.Equal(1, await QueuedAsync(app.Services));

        time.Advance(TimeSpan.FromMinutes(10));
        Wake(app.Services);
        var record = await DeliveryAsync(app.Services, id);
        Assert.Equal((DeliveryOutcome.Expired, 0, MessageChannel.Email), (record.Outcome, record.Attempts, record.Channel));
        AssertNoLeak(root.Logs, "amina.canary", Code);
    }

    [Fact]
    public void Retries_back_off_exponentially_with_jitter_up_to_the_maximum()
    {
        using var app = new OpenLerFactory(Db.Sqlite, settings: new Dictionary<string, string?> { ["OpenLer:Messaging:RetryDelay"] = "00:00:10", ["OpenLer:Messaging:MaxRetryDelay"] = "00:10:00" });
        var dispatcher = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<MessageDispatcher>().Single();
        foreach (var (attempts, seconds) in new[] { (1, 10), (2, 20), (3, 40), (6, 320), (7, 600), (40, 600) })
        {
            var delays = Enumerable.Range(0, 50).Select(_ => dispatcher.Backoff(attempts).TotalSeconds).ToList();
            Assert.All(delays, d => Assert.InRange(d, seconds, seconds * 1.2));
            Assert.True(delays.Distinct().Count() > 1, "no jitter");
        }
    }

    [Theory]
    [InlineData("OpenLer:Messaging:Smtp:Host", "smtp.example.org", "OpenLer:Messaging:Smtp needs both Host and FromAddress")]
    [InlineData("OpenLer:Messaging:Sms:AccountSid", "AC1", "OpenLer:Messaging:Sms needs AccountSid, AuthToken and From")]
    [InlineData("OpenLer:Messaging:BatchSize", "0", "OpenLer:Messaging:BatchSize must be between 1 and 500")]
    public void A_half_configured_channel_stops_the_start_naming_the_setting(string key, string value, string expected)
    {
        using var app = new OpenLerFactory(Db.Sqlite, settings: new Dictionary<string, string?> { [key] = value });
        var error = Assert.ThrowsAny<Exception>(() => app.Services);
        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
    }

    private static void AssertFilesClean(string folder)
    {
        var files = Directory.GetFiles(folder, "openler.db*");
        Assert.Contains(files, f => f.EndsWith("openler.db", StringComparison.Ordinal));
        foreach (var file in files)
        {
            byte[] bytes;
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                bytes = new byte[stream.Length];
                stream.ReadExactly(bytes);
            }

            foreach (var secret in new[] { Code, Phone, "5205550142" })
            {
                foreach (var encoding in new Encoding[] { Encoding.UTF8, Encoding.Unicode, Encoding.BigEndianUnicode })
                {
                    Assert.True(bytes.AsSpan().IndexOf(encoding.GetBytes(secret)) < 0, $"{Path.GetFileName(file)} holds '{secret}' in clear");
                }
            }
        }
    }

    /// <summary>One database two app instances share: a SQLite file, or a PostgreSQL database dropped at the end.</summary>
    /// <summary>One database and one key file for several app instances (every instance needs the key ring's key file).</summary>
    private sealed class SharedDatabase : IAsyncDisposable
    {
        private readonly string _folder;
        private readonly string? _postgresName;

        private SharedDatabase(string connectionString, string folder, string? postgresName)
        {
            ConnectionString = connectionString;
            _folder = folder;
            _postgresName = postgresName;
            KeyFile = Path.Combine(folder, "keyring.key");
            File.WriteAllText(KeyFile, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        }

        public string ConnectionString { get; }

        public string KeyFile { get; }

        public static SharedDatabase Create(Db db)
        {
            var folder = Path.Combine(Path.GetTempPath(), "openler-messaging-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            if (db == Db.Sqlite)
            {
                return new SharedDatabase($"Data Source={Path.Combine(folder, "shared.db")}", folder, null);
            }

            var builder = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(OpenLerFactory.PostgresVariable)) { Database = "openler_shared_" + Guid.NewGuid().ToString("N")[..16] };
            return new SharedDatabase(builder.ConnectionString, folder, builder.Database);
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
                // Still open on a slow machine: the temp folder is cleaned by the OS.
            }
        }
    }
}
