using MimeKit;
using OpenLer.Server.Features.Messaging;
using OpenLer.Server.Tests.Support;
using static OpenLer.Server.Tests.Messaging.MessagingHarness;

namespace OpenLer.Server.Tests.Messaging;

/// <summary>E-mail through a real SMTP exchange (MailKit to an in-process SmtpServer on a loopback port).</summary>
public sealed class SmtpDeliveryTests
{
    private const string EnglishAddress = "amina.canary@example.org";
    private const string ArabicAddress = "yusuf.canary@example.org";
    private const string EnglishCode = "K7Q2-93XZ";
    private const string ArabicCode = "M4P8-21RT";

    [Fact]
    public async Task A_sign_in_code_arrives_by_smtp_in_english_and_in_arabic()
    {
        using var smtp = new FakeSmtpServer();
        using var app = new OpenLerFactory(Db.Sqlite, settings: Smtp(smtp));
        var english = await EnqueueAsync(app.Services, OutgoingMessage.SignInCode(EnglishAddress, "en", EnglishCode));
        var arabic = await EnqueueAsync(app.Services, OutgoingMessage.SignInCode(ArabicAddress, "ar", ArabicCode));
        Assert.True(english.IsSuccess && arabic.IsSuccess);

        foreach (var id in new[] { english.Value, arabic.Value })
        {
            var record = await DeliveryAsync(app.Services, id);
            Assert.Equal((DeliveryOutcome.Sent, MessageChannel.Email, MessageKind.SignInCode, 1, null), (record.Outcome, record.Channel, record.Kind, record.Attempts, record.Error));
        }

        Assert.Equal(0, await QueuedAsync(app.Services));
        Assert.Equal(2, smtp.Messages.Count);
        Assert.All(smtp.Logins, login => Assert.Equal((FakeSmtpServer.User, FakeSmtpServer.Password), login));
        Assert.NotEmpty(smtp.Logins);

        var en = smtp.Messages.Single(m => m.To.Mailboxes.Single().Address == EnglishAddress);
        Assert.Equal("Your OpenLER sign-in code", en.Subject);
        Assert.Equal((SmtpFrom, "OpenLER Test"), (en.From.Mailboxes.Single().Address, en.From.Mailboxes.Single().Name));
        Assert.Equal("auto-generated", en.Headers["Auto-Submitted"]);
        Assert.Equal("en", en.Body!.Headers[HeaderId.ContentLanguage]);
        var (enText, enHtml) = Parts(en);
        Assert.Equal("Your sign-in code is K7Q2-93XZ. It works for 10 minutes.\n\nIf you did not ask for a code, you can ignore this message.", enText.Text.ReplaceLineEndings("\n"));
        Assert.Contains("<html lang=\"en\" dir=\"ltr\">", enHtml.Text, StringComparison.Ordinal);

        var ar = smtp.Messages.Single(m => m.To.Mailboxes.Single().Address == ArabicAddress);
        Assert.Equal("رمز الدخول إلى OpenLER", ar.Subject);
        Assert.Equal("ar", ar.Body!.Headers[HeaderId.ContentLanguage]);
        var (arText, arHtml) = Parts(ar);
        Assert.Contains("رمز الدخول الخاص بك هو \u2068M4P8-21RT\u2069. يعمل الرمز لمدة 10 دقائق.", arText.Text, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", arHtml.Text, StringComparison.Ordinal);
        Assert.Contains("<bdi>M4P8-21RT</bdi>", arHtml.Text, StringComparison.Ordinal);

        AssertNoLeak(app.Logs, EnglishAddress, ArabicAddress, EnglishCode, ArabicCode, FakeSmtpServer.Password, "Your sign-in code is", "رمز الدخول");
    }

    [Fact]
    public async Task A_recipient_refused_with_550_is_failed_for_good_and_the_servers_text_is_not_kept()
    {
        using var smtp = new FakeSmtpServer(refuseRecipients: true);
        using var app = new OpenLerFactory(Db.Sqlite, settings: Smtp(smtp));
        var id = (await EnqueueAsync(app.Services, OutgoingMessage.SignInCode(EnglishAddress, "en", EnglishCode))).Value;

        var record = await DeliveryAsync(app.Services, id);
        Assert.Equal((DeliveryOutcome.Failed, 1, "smtp.550"), (record.Outcome, record.Attempts, record.Error));
        Assert.Empty(smtp.Messages);
        Assert.Equal(0, await QueuedAsync(app.Services));
        AssertNoLeak(app.Logs, EnglishAddress, EnglishCode, "No such user");
    }

    [Fact]
    public async Task An_unreachable_smtp_server_is_retried_until_the_code_expires()
    {
        var port = new FakeSmtpServer();
        var closedPort = port.Port;
        port.Dispose();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        using var root = new OpenLerFactory(Db.Sqlite, settings: Smtp(port, new() { ["OpenLer:Messaging:RetryDelay"] = "00:01:00" }));
        using var app = WithTime(root, time);
        var id = (await EnqueueAsync(app.Services, OutgoingMessage.SignInCode(EnglishAddress, "en", EnglishCode))).Value;
        await WaitUntilAsync(async () => await AttemptsAsync(app.Services, id) == 1, "the first attempt failed");

        time.Advance(TimeSpan.FromMinutes(11));
        Wake(app.Services);
        var record = await DeliveryAsync(app.Services, id);
        Assert.Equal((DeliveryOutcome.Expired, 1, "smtp.network"), (record.Outcome, record.Attempts, record.Error));
        Assert.NotEqual(0, closedPort);
        AssertNoLeak(root.Logs, EnglishAddress, EnglishCode);
    }

    private static (TextPart Text, TextPart Html) Parts(MimeMessage message)
    {
        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        var text = alternative.OfType<TextPart>().Single(p => p.IsPlain);
        var html = alternative.OfType<TextPart>().Single(p => p.IsHtml);
        Assert.Equal("utf-8", text.ContentType.Charset, ignoreCase: true);
        Assert.Equal("utf-8", html.ContentType.Charset, ignoreCase: true);
        return (text, html);
    }
}
