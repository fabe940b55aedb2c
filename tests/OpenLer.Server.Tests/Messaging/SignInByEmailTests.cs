using System.Text.RegularExpressions;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Messaging;

/// <summary>
/// End to end with no stand-in for messages: a jobseeker asks for a code, it goes through the encrypted queue and a real
/// SMTP exchange in the person's language, and the code read from the received e-mail opens the wallet; an organization's
/// invitation arrives the same way.
/// </summary>
public sealed partial class SignInByEmailTests
{
    [Fact]
    public async Task A_code_received_by_email_opens_the_wallet()
    {
        using var smtp = new FakeSmtpServer();
        using var app = new OpenLerFactory(settings: MessagingHarness.Smtp(smtp), realMessages: true);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, staff, "admin@acme.test");
        await staff.SubmitAsync(await staff.GetAsync("/issuance"), "main form", new Dictionary<string, string>
        {
            ["name"] = "Amina Yusuf", ["contact"] = "amina@mail.test", ["language"] = "ar",
        });

        var holder = new WebSession(app.Client());
        var codePage = await holder.SubmitAsync(await holder.GetAsync("/account/sign-in"), "main form", new Dictionary<string, string> { ["contact"] = "Amina@Mail.test" });
        var mail = await WaitForAsync(() => smtp.Messages.FirstOrDefault(m => m.To.ToString().Contains("amina@mail.test", StringComparison.Ordinal)));
        Assert.Contains("\u0627", mail.TextBody ?? "", StringComparison.Ordinal);
        var code = SixDigits().Match(mail.TextBody ?? "").Value;
        Assert.Matches("^[0-9]{6}$", code);

        await holder.SubmitAsync(codePage, "main form", new Dictionary<string, string> { ["code"] = code });
        Assert.Equal("/wallet", holder.Last!.RequestMessage!.RequestUri!.AbsolutePath);
    }

    private static async Task<T> WaitForAsync<T>(Func<T?> probe)
        where T : class
    {
        for (var i = 0; i < 100; i++)
        {
            if (probe() is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("No message arrived within 10 seconds.");
    }

    [GeneratedRegex("(?<![0-9])[0-9]{6}(?![0-9])")]
    private static partial Regex SixDigits();
}
