using System.Text;
using OpenLer.Server.Features.Messaging;
using OpenLer.Server.Tests.Support;
using static OpenLer.Server.Tests.Messaging.MessagingHarness;

namespace OpenLer.Server.Tests.Messaging;

/// <summary>SMS through a Twilio-style REST call to a fake provider on a loopback port.</summary>
public sealed class SmsDeliveryTests
{
    private const string Phone = "+15205550142";
    private const string Code = "K7Q2-93XZ";

    [Fact]
    public async Task A_code_is_posted_as_a_form_with_basic_auth_to_the_accounts_messages_resource()
    {
        await using var sms = await FakeSmsApi.StartAsync();
        using var app = new OpenLerFactory(Db.Sqlite, settings: Sms(sms));
        var id = (await EnqueueAsync(app.Services, OutgoingMessage.SignInCode(Phone, "es", Code))).Value;

        var record = await DeliveryAsync(app.Services, id);
        Assert.Equal((DeliveryOutcome.Sent, MessageChannel.Sms, 1), (record.Outcome, record.Channel, record.Attempts));
        var request = Assert.Single(sms.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/2010-04-01/Accounts/{AccountSid}/Messages.json", request.Path);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(AccountSid + ":" + AuthToken)), request.Authorization);
        Assert.Equal(["Body", "From", "To"], request.Form.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((Phone, SmsFrom), (request.Form["To"], request.Form["From"]));
        Assert.Equal("Código OpenLER: K7Q2-93XZ. Funciona 10 minutos. No lo comparta.", request.Form["Body"]);
        AssertNoLeak(app.Logs, Phone, "5205550142", Code, AuthToken, FakeSmsApi.ResponseCanary, "Funciona 10 minutos");
    }

    [Fact]
    public async Task A_messaging_service_replaces_the_sender_number_when_configured()
    {
        await using var sms = await FakeSmsApi.StartAsync();
        using var app = new OpenLerFactory(Db.Sqlite, settings: Sms(sms, new() { ["OpenLer:Messaging:Sms:From"] = null, ["OpenLer:Messaging:Sms:MessagingServiceSid"] = "MG0123" }));
        var id = (await EnqueueAsync(app.Services, OutgoingMessage.SignInCode(Phone, "en", Code))).Value;

        Assert.Equal(DeliveryOutcome.Sent, (await DeliveryAsync(app.Services, id)).Outcome);
        var request = Assert.Single(sms.Requests);
        Assert.Equal("MG0123", request.Form["MessagingServiceSid"]);
        Assert.False(request.Form.ContainsKey("From"));
    }

    [Fact]
    public async Task A_500_is_retried_once_and_the_201_that_follows_ends_it()
    {
        await using var sms = await FakeSmsApi.StartAsync(500);
        using var app = new OpenLerFactory(Db.Sqlite, settings: Sms(sms));
        var id = (await EnqueueAsync(app.Services, OutgoingMessage.SignInCode(Phone, "en", Code))).Value;

        var record = await DeliveryAsync(app.Services, id);
        Assert.Equal((DeliveryOutcome.Sent, 2, null), (record.Outcome, record.Attempts, record.Error));
        Assert.Equal(2, sms.Requests.Count);
        Assert.Equal(0, await QueuedAsync(app.Services));
        Assert.Contains(app.Logs, l => l.Contains("sms.http-500", StringComparison.Ordinal));
        AssertNoLeak(app.Logs, Phone, Code, FakeSmsApi.ResponseCanary);
    }

    [Fact]
    public async Task A_429_is_transient_too()
    {
        await using var sms = await FakeSmsApi.StartAsync(429, 503);
        using var app = new OpenLerFactory(Db.Sqlite, settings: Sms(sms));
        var id = (await EnqueueAsync(app.Services, OutgoingMessage.SignInCode(Phone, "en", Code))).Value;

        var record = await DeliveryAsync(app.Services, id);
        Assert.Equal((DeliveryOutcome.Sent, 3), (record.Outcome, record.Attempts));
        Assert.Equal(3, sms.Requests.Count);
    }

    [Fact]
    public async Task A_400_is_not_retried()
    {
        await using var sms = await FakeSmsApi.StartAsync(400);
        using var app = new OpenLerFactory(Db.Sqlite, settings: Sms(sms));
        var id = (await EnqueueAsync(app.Services, OutgoingMessage.SignInCode(Phone, "en", Code))).Value;

        var record = await DeliveryAsync(app.Services, id);
        Assert.Equal((DeliveryOutcome.Failed, 1, "sms.http-400"), (record.Outcome, record.Attempts, record.Error));
        Assert.Equal(0, await QueuedAsync(app.Services));
        Assert.Single(sms.Requests);
        AssertNoLeak(app.Logs, Phone, Code, FakeSmsApi.ResponseCanary, "is not valid");
    }

    [Fact]
    public async Task Transient_failures_stop_after_the_configured_attempts()
    {
        await using var sms = await FakeSmsApi.StartAsync();
        sms.DefaultStatus = 503;
        using var app = new OpenLerFactory(Db.Sqlite, settings: Sms(sms, new() { ["OpenLer:Messaging:MaxAttempts"] = "3" }));
        var id = (await EnqueueAsync(app.Services, OutgoingMessage.SignInCode(Phone, "en", Code))).Value;

        var record = await DeliveryAsync(app.Services, id);
        Assert.Equal((DeliveryOutcome.Failed, 3, "sms.http-503"), (record.Outcome, record.Attempts, record.Error));
        Assert.Equal(3, sms.Requests.Count);
    }
}
