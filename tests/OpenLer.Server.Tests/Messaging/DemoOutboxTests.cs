using System.Globalization;
using AngleSharp.Html.Parser;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewEngines;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Messaging;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Tests.Support;
using static OpenLer.Server.Tests.Messaging.MessagingHarness;

namespace OpenLer.Server.Tests.Messaging;

/// <summary>Demo mode's outbox: the latest message per contact, encrypted, gone at expiry; absent outside demo mode.</summary>
public sealed class DemoOutboxTests
{
    private const string Contact = "amina.canary@example.org";
    private const string FirstCode = "K7Q2-93XZ";
    private const string SecondCode = "P3N6-44WC";

    private static readonly Dictionary<string, string?> DemoSettings = new() { ["OpenLer:Demo"] = "true", ["OpenLer:AllowInsecureCookies"] = "true" };

    [Fact]
    public async Task The_latest_message_for_a_contact_is_shown_until_it_expires_then_a_scheduled_purge_deletes_it()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var root = new OpenLerFactory(Db.Sqlite, settings: Fast(DemoSettings));
        using var app = WithTime(root, time);
        var first = (await EnqueueAsync(app.Services, OutgoingMessage.SignInCode(Contact, "es", FirstCode))).Value;
        Assert.Equal((DeliveryOutcome.DemoOutbox, MessageChannel.Email), ((await DeliveryAsync(app.Services, first)).Outcome, (await DeliveryAsync(app.Services, first)).Channel));

        var shown = await LatestAsync(app.Services, Contact);
        Assert.NotNull(shown);
        Assert.Equal((MessageKind.SignInCode, FirstCode, "es", "Su código para entrar en OpenLER"), (shown.Kind, shown.Code, shown.Language, shown.Subject));
        Assert.Contains("Su código para entrar es K7Q2-93XZ.", shown.Body, StringComparison.Ordinal);
        Assert.Equal(time.GetUtcNow().UtcDateTime + OutgoingMessage.CodeLifetime, shown.ExpiresAt);

        time.Advance(TimeSpan.FromSeconds(30));
        var second = (await EnqueueAsync(app.Services, OutgoingMessage.SignInCode(Contact, "es", SecondCode))).Value;
        await DeliveryAsync(app.Services, second);
        Assert.Equal(SecondCode, (await LatestAsync(app.Services, Contact))?.Code);
        Assert.Equal(SecondCode, (await LatestAsync(app.Services, "  AMINA.canary@example.org "))?.Code);
        Assert.Null(await LatestAsync(app.Services, "someone.else@example.org"));

        var phone = (await EnqueueAsync(app.Services, OutgoingMessage.SignInCode("+15205550142", "ar", "U8V1-55KD"))).Value;
        await DeliveryAsync(app.Services, phone);
        var sms = await LatestAsync(app.Services, "+15205550142");
        Assert.Equal((MessageChannel.Sms, null, "رمز OpenLER: \u2068U8V1-55KD\u2069. يعمل لمدة 10 دقائق. لا تشاركه مع أحد."), (sms?.Channel, sms?.Subject, sms?.Body));

        // A notice delivered after the code (the credential issued just before signing in) does not hide the code.
        time.Advance(TimeSpan.FromSeconds(1));
        var notice = (await EnqueueAsync(app.Services, OutgoingMessage.CredentialIssued("+15205550142", "ar", "IRC", "Warehouse Basics", "https://ler.example.org/wallet"))).Value;
        await DeliveryAsync(app.Services, notice);
        Assert.Equal(MessageKind.CredentialIssued, (await LatestAsync(app.Services, "+15205550142"))?.Kind);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Equal("U8V1-55KD", (await scope.ServiceProvider.GetRequiredService<IDemoOutbox>().LatestAsync("+15205550142", MessageKind.SignInCode))?.Code);
        }

        // The demo seeders queue longer-lived messages of their own (the demo employer's invitation): count only this test's codes.
        var codesUntil = time.GetUtcNow().UtcDateTime + OutgoingMessage.CodeLifetime;
        var rows = (await RowsAsync(app.Services)).Where(r => r.ExpiresAt <= codesUntil).ToList();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.DoesNotContain("K7Q2", r.Payload, StringComparison.Ordinal));

        // Expired: never shown again, and the scheduled purge (every minute) removes the rows.
        time.Advance(OutgoingMessage.CodeLifetime);
        Assert.Null(await LatestAsync(app.Services, Contact));
        await WaitUntilAsync(async () => !(await RowsAsync(app.Services)).Any(r => r.ExpiresAt <= codesUntil), "the purge deleted the expired messages");
        AssertNoLeak(root.Logs, Contact, FirstCode, SecondCode, "U8V1-55KD", "5205550142", "Su código");
    }

    [Fact]
    public async Task Outside_demo_mode_there_is_no_demo_outbox_and_no_demo_channel()
    {
        using var smtp = new FakeSmtpServer();
        using var app = new OpenLerFactory(Db.Sqlite, settings: Smtp(smtp));
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Null(scope.ServiceProvider.GetService<IDemoOutbox>());
        Assert.Null(scope.ServiceProvider.GetService<DemoOutbox>());
        var channel = Assert.Single(scope.ServiceProvider.GetServices<IMessageChannel>());
        Assert.IsType<SmtpEmailChannel>(channel);

        using var demo = new OpenLerFactory(Db.Sqlite, settings: DemoSettings);
        await using var demoScope = demo.Services.CreateAsyncScope();
        Assert.NotNull(demoScope.ServiceProvider.GetService<IDemoOutbox>());
        Assert.All(demoScope.ServiceProvider.GetServices<IMessageChannel>(), c => Assert.IsType<DemoOutboxChannel>(c));
    }

    [Theory]
    [InlineData("en", "Code in this message:", "By e-mail")]
    [InlineData("es", "Código en este mensaje:", "Por correo electrónico")]
    [InlineData("ar", "الرمز في هذه الرسالة:", "بالبريد الإلكتروني")]
    public async Task The_partial_speaks_the_readers_language_and_marks_the_messages_own(string language, string codeLabel, string channelLabel)
    {
        using var app = new OpenLerFactory(Db.Sqlite, settings: DemoSettings);
        var message = new DemoMessage(MessageKind.SignInCode, MessageChannel.Email, Contact, "ar", "رمز الدخول إلى OpenLER",
            "رمز الدخول الخاص بك هو \u2068482913\u2069.\n\nإذا لم تطلب رمزًا، يمكنك تجاهل هذه الرسالة.", "482913", new DateTime(2026, 12, 7, 10, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 7, 10, 10, 0, DateTimeKind.Utc));
        var html = await RenderPartialAsync(app.Services, language, message);
        var document = new HtmlParser().ParseDocument(html);
        Assert.Contains(codeLabel, html, StringComparison.Ordinal);
        Assert.Contains(channelLabel, html, StringComparison.Ordinal);
        Assert.Equal("482913", document.QuerySelector("#demo-code")?.TextContent);
        var body = document.QuerySelector("div.message")!;
        Assert.Equal(("ar", "rtl"), (body.GetAttribute("lang"), body.GetAttribute("dir")));
        Assert.Equal(3, body.QuerySelectorAll("p").Length);
        Assert.Empty(document.QuerySelectorAll("script"));
        Assert.Equal("", (await RenderPartialAsync(app.Services, language, null)).Trim());
    }

    [Fact]
    public async Task The_partial_is_axe_clean_in_english_and_arabic()
    {
        if (!File.Exists(BrowserFixture.ChromiumPath))
        {
            Requirements.Missing($"Chromium is not installed at {BrowserFixture.ChromiumPath} (apt-get install -y chromium fonts-noto-core; .ci/run does).");
            return;
        }

        using var app = new OpenLerFactory(Db.Sqlite, settings: DemoSettings);
        var css = await File.ReadAllTextAsync(Path.Combine(SharedFolder.RepositoryRoot, "src", "OpenLer.Server", "wwwroot", "css", "site.css"));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        foreach (var language in new[] { Languages.Find("en"), Languages.Find("ar") })
        {
            var message = new DemoMessage(MessageKind.CredentialIssued, MessageChannel.Sms, "+15205550142", language.Code, null,
                "International Rescue Committee issued you a credential: Warehouse Basics. See it at https://ler.example.org/wallet", null, DateTime.UtcNow, DateTime.UtcNow.AddDays(2));
            var partial = await RenderPartialAsync(app.Services, language.Code, message);
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 360, Height = 740 } });
            await page.SetContentAsync($"<!DOCTYPE html><html lang=\"{language.Code}\" dir=\"{language.Direction}\"><head><meta charset=\"utf-8\"><title>OpenLER</title><style>{css}</style></head><body><main><h1>OpenLER</h1>{partial}</main></body></html>");
            var axe = await page.RunAxe();
            Assert.Empty(axe.Violations.Select(v => $"{language.Code}: {v.Id} {v.Impact} {v.Help}"));
            await page.CloseAsync();
        }
    }

    private static async Task<DemoMessage?> LatestAsync(IServiceProvider services, string contact)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IDemoOutbox>().LatestAsync(contact);
    }

    private static async Task<List<DemoOutboxEntry>> RowsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<DemoOutboxEntry>().AsNoTracking().ToListAsync();
    }

    /// <summary>Renders _DemoOutbox.cshtml as a page would, in the reader's language.</summary>
    private static async Task<string> RenderPartialAsync(IServiceProvider services, string language, DemoMessage? model)
    {
        await using var scope = services.CreateAsyncScope();
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = Languages.Culture(language);
        try
        {
            var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
            var action = new ActionContext(http, new RouteData(), new ActionDescriptor());
            var result = scope.ServiceProvider.GetRequiredService<ICompositeViewEngine>().GetView(null, "~/Features/Messaging/_DemoOutbox.cshtml", isMainPage: false);
            Assert.True(result.Success, "the partial was not found");
            await using var writer = new StringWriter();
            var viewData = new ViewDataDictionary<DemoMessage?>(new EmptyModelMetadataProvider(), new ModelStateDictionary()) { Model = model };
            var tempData = new TempDataDictionary(http, scope.ServiceProvider.GetRequiredService<ITempDataProvider>());
            await result.View.RenderAsync(new ViewContext(action, result.View, viewData, tempData, writer, new HtmlHelperOptions()));
            return writer.ToString();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }
}
