using OpenLer.Server.Features.Messaging;
using OpenLer.Server.Tests.Support;
using static OpenLer.Server.Tests.Messaging.MessagingHarness;

namespace OpenLer.Server.Tests.Messaging;

/// <summary>
/// A canary for messaging: after successes, refusals by the SMTP server and the SMS provider (whose answers echo the
/// recipient), bad input and expiry, no log line and no error message holds a code, a contact, a body or a secret setting.
/// </summary>
public sealed class MessagingLogCanaryTests
{
    private const string Email = "canary.person@example.org";
    private const string RefusedEmail = "refused.canary@example.org";
    private const string Phone = "+15205550177";
    private const string RefusedPhone = "+15205550188";
    private const string Organization = "Canary Refugee Services";

    [Fact]
    public async Task No_log_line_or_error_holds_a_code_contact_body_or_secret()
    {
        using var smtp = new FakeSmtpServer();
        using var refusing = new FakeSmtpServer(refuseRecipients: true);
        await using var sms = await FakeSmsApi.StartAsync(500, 201, 400);
        using var app = new OpenLerFactory(Db.Sqlite, settings: Sms(sms, Smtp(smtp)));
        var messages = new[]
        {
            OutgoingMessage.SignInCode(Phone, "ar", "CANARY-1111"),
            OutgoingMessage.SignInCode(RefusedPhone, "en", "CANARY-2222"),
            OutgoingMessage.OrganizationInvitationCode(Email, "es", Organization, "CANARY-3333", "https://ler.example.org/account/sign-in", TimeSpan.FromDays(7)),
            OutgoingMessage.CredentialIssued(Email, "ar", Organization, "Canary Warehouse Basics", "https://ler.example.org/wallet"),
        };
        var ids = new List<Guid>();
        foreach (var message in messages)
        {
            ids.Add((await EnqueueAsync(app.Services, message)).Value);
            await DeliveryAsync(app.Services, ids[^1]);
        }

        var outcomes = (await DeliveriesAsync(app.Services)).ToDictionary(d => d.Id);
        Assert.Equal(DeliveryOutcome.Sent, outcomes[ids[0]].Outcome);
        Assert.Equal(2, outcomes[ids[0]].Attempts);
        Assert.Equal((DeliveryOutcome.Failed, "sms.http-400"), (outcomes[ids[1]].Outcome, outcomes[ids[1]].Error));
        Assert.Equal(2, smtp.Messages.Count);

        // The refusing SMTP server echoes the address in its 550.
        using var refusedApp = new OpenLerFactory(Db.Sqlite, settings: Smtp(refusing));
        var refused = (await EnqueueAsync(refusedApp.Services, OutgoingMessage.SignInCode(RefusedEmail, "en", "CANARY-4444"))).Value;
        Assert.Equal("smtp.550", (await DeliveryAsync(refusedApp.Services, refused)).Error);

        // Bad input: the errors name the rule, never the input.
        var bad = new[]
        {
            OutgoingMessage.SignInCode("Canary.Person@Example.org ", "en", "CANARY-5555"),
            OutgoingMessage.SignInCode("520-555-0199", "en", "CANARY-6666"),
            OutgoingMessage.SignInCode(Email, "en", ""),
            OutgoingMessage.CredentialIssued(Email, "en", Organization, new string('x', 600), "https://ler.example.org/wallet"),
            OutgoingMessage.CredentialIssued(Email, "en", Organization, "Canary credential", "javascript:alert(1)"),
            OutgoingMessage.SignInCode(Email, "en", "CANARY-7777") with { ValidFor = TimeSpan.Zero },
        };
        var errors = new List<string>();
        foreach (var message in bad)
        {
            var outcome = await EnqueueAsync(app.Services, message);
            Assert.False(outcome.IsSuccess);
            errors.Add(outcome.Error.ToString());
        }

        Assert.Equal(["messaging.contact", "messaging.contact", "messaging.value-missing", "messaging.value-too-long", "messaging.link", "messaging.lifetime"], errors.Select(e => e[..e.IndexOf(':', StringComparison.Ordinal)]));
        Assert.DoesNotContain("CANARY", messages.Concat(bad).Select(m => m.ToString()).Aggregate((a, b) => a + b), StringComparison.Ordinal);

        string[] secrets =
        [
            Email, RefusedEmail, Phone, RefusedPhone, "5205550177", "5205550188", "520-555-0199", "Canary.Person",
            "CANARY-", Organization, "Canary Warehouse", "javascript:", "No such user", FakeSmsApi.ResponseCanary, "is not valid",
            AuthToken, FakeSmtpServer.Password, "Your sign-in code is", "رمز", "Su código",
        ];
        AssertNoLeak(app.Logs.Concat(refusedApp.Logs), secrets);
        foreach (var error in errors)
        {
            Assert.DoesNotContain("anary", error, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("520", error, StringComparison.Ordinal);
        }

        Assert.Contains(app.Logs, l => l.Contains("sms.http-500", StringComparison.Ordinal));
        Assert.Contains(refusedApp.Logs, l => l.Contains("smtp.550", StringComparison.Ordinal));
    }
}
