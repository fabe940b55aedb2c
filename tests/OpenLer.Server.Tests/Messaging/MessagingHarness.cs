using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Credentials.Common;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Messaging;

namespace OpenLer.Server.Tests.Messaging;

/// <summary>Settings, waits and checks the messaging tests share.</summary>
internal static class MessagingHarness
{
    public const string AccountSid = "AC00000000000000000000000000000001";
    public const string AuthToken = "sms-auth-token-canary";
    public const string SmsFrom = "+15205550100";
    public const string SmtpFrom = "no-reply@openler.test";

    /// <summary>Fast polling and immediate retries, so tests wait for deliveries in fractions of a second.</summary>
    public static Dictionary<string, string?> Fast(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["OpenLer:Messaging:PollInterval"] = "00:00:00.200",
            ["OpenLer:Messaging:RetryDelay"] = "00:00:00",
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    public static Dictionary<string, string?> Sms(FakeSmsApi api, Dictionary<string, string?>? more = null)
    {
        var settings = Fast(more);
        settings["OpenLer:Messaging:Sms:BaseUrl"] = api.BaseUrl;
        settings["OpenLer:Messaging:Sms:AccountSid"] = AccountSid;
        settings["OpenLer:Messaging:Sms:AuthToken"] = AuthToken;
        settings.TryAdd("OpenLer:Messaging:Sms:From", SmsFrom);
        return settings;
    }

    public static Dictionary<string, string?> Smtp(FakeSmtpServer server, Dictionary<string, string?>? more = null)
    {
        var settings = Fast(more);
        settings["OpenLer:Messaging:Smtp:Host"] = "127.0.0.1";
        settings["OpenLer:Messaging:Smtp:Port"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["OpenLer:Messaging:Smtp:Security"] = "None";
        settings["OpenLer:Messaging:Smtp:User"] = FakeSmtpServer.User;
        settings["OpenLer:Messaging:Smtp:Password"] = FakeSmtpServer.Password;
        settings["OpenLer:Messaging:Smtp:FromAddress"] = SmtpFrom;
        settings["OpenLer:Messaging:Smtp:FromName"] = "OpenLER Test";
        return settings;
    }

    /// <summary>The app with a replaced clock (the root factory still owns the database and collects the logs).</summary>
    public static WebApplicationFactory<Program> WithTime(Support.OpenLerFactory root, TimeProvider time) =>
        root.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(time)));

    public static async Task<Outcome<Guid>> EnqueueAsync(IServiceProvider services, OutgoingMessage message)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMessageOutbox>().EnqueueAsync(message);
    }

    public static async Task<List<MessageDelivery>> DeliveriesAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<MessageDelivery>().AsNoTracking().ToListAsync();
    }

    public static async Task<int> QueuedAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<QueuedMessage>().CountAsync();
    }

    /// <summary>Waits (polling, at most <paramref name="seconds"/>) until the condition holds; fails naming what did not happen.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting until " + what);
            await Task.Delay(50);
        }
    }

    public static async Task<int> AttemptsAsync(IServiceProvider services, Guid id)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<QueuedMessage>().Where(m => m.Id == id && m.ClaimToken == null).Select(m => m.Attempts).FirstOrDefaultAsync();
    }

    /// <summary>Wakes the app's dispatcher (after the test moved its clock).</summary>
    public static void Wake(IServiceProvider services) => services.GetRequiredService<DispatchSignal>().Wake();

    public static Task<MessageDelivery> DeliveryAsync(IServiceProvider services, Guid id) => WaitForAsync(services, id);

    private static async Task<MessageDelivery> WaitForAsync(IServiceProvider services, Guid id)
    {
        MessageDelivery? found = null;
        await WaitUntilAsync(async () => (found = (await DeliveriesAsync(services)).FirstOrDefault(d => d.Id == id)) is not null, $"message {id} has a delivery record");
        return found!;
    }

    /// <summary>The log canary: no line holds any of the secrets (codes, contacts, bodies, passwords, provider answers).</summary>
    public static void AssertNoLeak(IEnumerable<string> logs, params string[] secrets)
    {
        var lines = logs.ToArray();
        Assert.NotEmpty(lines);
        foreach (var secret in secrets.Where(s => s.Length > 0))
        {
            var leak = lines.FirstOrDefault(l => l.Contains(secret, StringComparison.OrdinalIgnoreCase));
            Assert.True(leak is null, $"A log line holds a secret: {leak}");
        }
    }
}
