using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Security;

/// <summary>
/// docs/security.md WA-10 (ASVS 6.3.1): a password spray, one wrong password for each of fifty accounts from one address,
/// is stopped by the address's password-attempt limit (429 after its permits), while no account is locked, so the owners
/// still sign in from anywhere else. The limit's window is set to a day so that its refill plays no part in the count.
/// And the other way round: guesses at one account from many addresses (a botnet) lock it for everyone once they reach the
/// account-wide threshold, with the same message as a wrong password.
/// </summary>
public sealed class AccountAbuseTests
{
    private const int Permits = 30;

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Wa10_A_password_spray_over_fifty_accounts_from_one_address_is_stopped_and_locks_no_one(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db, settings: new Dictionary<string, string?>
        {
            ["OpenLer:RateLimits:PasswordAttempt:Permits"] = Permits.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["OpenLer:RateLimits:PasswordAttempt:WindowSeconds"] = "86400",
        });
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        string[] staff = ["luis@acme.test", "maria@acme.test", "omar@acme.test"];
        foreach (var email in staff)
        {
            await app.CreateStaffAsync(org.Id, email, siteName: "acme site");
        }

        // Fifty accounts, the real ones among made-up ones, one wrong password each, from one address.
        var targets = staff.Concat(Enumerable.Range(0, 47).Select(i => $"person{i}@acme.test")).OrderBy(e => e, StringComparer.Ordinal).ToList();
        var sprayer = new WebSession(app.Client("203.0.113.9"));
        var form = await sprayer.GetAsync("/account/staff-sign-in");
        var token = form.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var answers = new List<HttpStatusCode>();
        foreach (var email in targets)
        {
            var response = await sprayer.Client.PostAsync("/account/staff-sign-in", new FormUrlEncodedContent(
                [new("__RequestVerificationToken", token), new("email", email), new("password", "Spring-2026-password")]));
            answers.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(response.Headers.RetryAfter);
            }
        }

        // The first permits are answered (a refusal page), every later attempt is 429, whichever account it names.
        Assert.All(answers.Take(Permits), a => Assert.Equal(HttpStatusCode.OK, a));
        Assert.All(answers.Skip(Permits), a => Assert.Equal(HttpStatusCode.TooManyRequests, a));

        // Nobody is locked: one failure per account is far from any lock-out.
        Assert.False(await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<SignInThrottle>().AnyAsync(t => t.LockedUntil != null)));
        foreach (var email in staff)
        {
            var owner = new WebSession(app.Client("198.51.100.20"));
            await Journey.SignInStaffAsync(app, owner, email);
            Assert.Equal("/issuance", owner.Last!.RequestMessage!.RequestUri!.AbsolutePath);
        }

        // The sprayer's address stays refused, even with a right password.
        var retry = await sprayer.Client.PostAsync("/account/staff-sign-in", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("email", staff[0]), new("password", "Test-password-1")]));
        Assert.Equal(HttpStatusCode.TooManyRequests, retry.StatusCode);
    }

    [Fact]
    public async Task Wa10_Guesses_at_one_account_from_fifty_addresses_lock_it_for_everyone_with_the_same_message()
    {
        using var app = new OpenLerFactory();
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await app.CreateStaffAsync(org.Id, "luis@acme.test", siteName: "acme site");

        string? wrongMessage = null;
        for (var i = 0; i < SignInThrottles.PerAccountFailures; i++)
        {
            var guesser = new WebSession(app.Client($"198.51.{100 + (i / 200)}.{1 + (i % 200)}"));
            var page = await guesser.SubmitAsync(await guesser.GetAsync("/account/staff-sign-in"), "main form",
                new Dictionary<string, string> { ["email"] = "luis@acme.test", ["password"] = $"Guess-number-{i}" });
            var alert = page.QuerySelector("[role=alert]")!.TextContent.Trim();
            wrongMessage ??= alert;
            Assert.Equal(wrongMessage, alert);
        }

        // Locked for everyone now: the right password from an address that never failed gets the same answer.
        var owner = new WebSession(app.Client("203.0.113.200"));
        var refused = await owner.SubmitAsync(await owner.GetAsync("/account/staff-sign-in"), "main form",
            new Dictionary<string, string> { ["email"] = "luis@acme.test", ["password"] = "Test-password-1" });
        Assert.Equal("/account/staff-sign-in", owner.Last!.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(wrongMessage, refused.QuerySelector("[role=alert]")!.TextContent.Trim());

        // A colleague is not affected.
        var colleague = new WebSession(app.Client("203.0.113.200"));
        await Journey.SignInStaffAsync(app, colleague, "admin@acme.test");
    }
}
