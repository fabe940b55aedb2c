using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Staff;

/// <summary>Issue 11: the caseworker's printed letter lasts 7 days, once; a phone number signs in however it is typed.</summary>
public sealed class LetterAndPhoneTests
{
    private const string Phone = "+1 520 555 0142";
    private const string OtherPhone = "+1 520 555 0143";

    private static async Task<string> PrintLetterAsync(WebSession staff, string clientPath)
    {
        var page = await staff.SubmitAsync(await staff.GetAsync(clientPath), "form[action*=Letter]", new Dictionary<string, string>());
        Assert.Contains("https://localhost/account/code", page.QuerySelector(".letter")!.TextContent, StringComparison.Ordinal);
        return page.QuerySelector("#letter-code")!.TextContent.Trim();
    }

    private static async Task<bool> SignInWithAsync(OpenLerFactory app, string contact, string code)
    {
        var holder = new WebSession(app.Client());
        var page = await holder.SubmitAsync(await holder.GetAsync("/account/code"), "main form", new Dictionary<string, string> { ["contact"] = contact, ["code"] = code });
        return holder.Last!.RequestMessage!.RequestUri!.AbsolutePath == "/wallet" && page.QuerySelector(".cards") is not null;
    }

    [Fact]
    public async Task A_printed_letter_code_works_once_for_seven_days_and_each_use_is_in_the_audit_trail()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var app = new OpenLerFactory(configure: s => s.AddSingleton<TimeProvider>(clock));
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client());
        var issued = await Journey.IssueAsync(app, staff, "admin@acme.test", "Warehouse Basics", Phone);

        // A second client whose account the organization made too (no program needed for a letter).
        await staff.SubmitAsync(await staff.GetAsync("/issuance"), "main form[method=post]", new Dictionary<string, string> { ["name"] = "Dawit", ["contact"] = OtherPhone });
        var secondPath = staff.Last!.RequestMessage!.RequestUri!.AbsolutePath;
        var first = await PrintLetterAsync(staff, issued.ClientPath);
        Assert.Matches("^[0-9]{4} [0-9]{4} [0-9]{4}$", first);
        var later = await PrintLetterAsync(staff, secondPath);

        // A day later (long past the 10 minutes of a sent code) the letter still works, once.
        clock.Advance(TimeSpan.FromDays(1));
        Assert.True(await SignInWithAsync(app, Phone, first));
        Assert.False(await SignInWithAsync(app, Phone, first));

        // The other letter, typed 7 days and a minute after it was printed: refused.
        clock.Advance(CodeSignIn.LetterLifetime - TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        Assert.False(await SignInWithAsync(app, OtherPhone, later));

        var records = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<AuditRecord>().AsNoTracking().ToListAsync());
        Assert.Equal(2, records.Count(r => r.Action == AuditActions.CodePrinted));
        Assert.Equal(1, records.Count(r => r.Action == AuditActions.JobseekerSignIn && r.Detail == LoginCodeKinds.Letter));
        Assert.Equal(2, records.Count(r => r.Action == AuditActions.JobseekerSignInFailed));
    }

    [Theory]
    [InlineData("+1 520 555 0142")]
    [InlineData("(520) 555-0142")]
    [InlineData("520.555.0142")]
    [InlineData("5205550142")]
    [InlineData("+1 (520) 555-0142")]
    [InlineData("٥٢٠٥٥٥٠١٤٢")]
    public void Every_usual_way_of_typing_the_number_is_one_contact(string typed) =>
        Assert.Equal(new Contact("+15205550142", ContactKinds.Phone), Contacts.Normalize(typed, "US"));

    [Fact]
    public async Task The_four_usual_formats_sign_in_to_the_same_account_and_a_non_number_is_told_so()
    {
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client());

        // Staff typed the local format: it is stored as E.164.
        await Journey.IssueAsync(app, staff, "admin@acme.test", "Warehouse Basics", "(520) 555-0142");
        var id = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Jobseekers.Select(j => j.Id).SingleAsync());
        foreach (var typed in new[] { "+1 520 555 0142", "(520) 555-0142", "520.555.0142", "5205550142" })
        {
            var holder = new WebSession(app.Client());
            var wallet = await Journey.SignInJobseekerAsync(app, holder, typed);
            Assert.Equal("/wallet", holder.Last!.RequestMessage!.RequestUri!.AbsolutePath);
            Assert.Contains("Warehouse Basics", wallet.QuerySelector(".cards")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Equal(4, await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<AuditRecord>()
            .CountAsync(r => r.Action == AuditActions.JobseekerSignIn && r.TargetId == id.ToString("D"))));

        foreach (var (language, expected) in new[]
        {
            ("en", "a phone number needs its area code"),
            ("es", "un número de teléfono necesita su código de área"),
            ("ar", "يحتاج رقم الهاتف إلى رمز المنطقة"),
        })
        {
            var browser = app.Client();
            browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
            var visitor = new WebSession(browser);
            var page = await visitor.SubmitAsync(await visitor.GetAsync("/account/sign-in"), "main form", new Dictionary<string, string> { ["contact"] = "555-01" });
            Assert.Equal("/account/sign-in", visitor.Last!.RequestMessage!.RequestUri!.AbsolutePath);
            Assert.Contains(expected, page.QuerySelector("#contact-error")!.TextContent, StringComparison.Ordinal);
            Assert.Equal("true", page.QuerySelector("#contact")!.GetAttribute("aria-invalid"));
        }
    }

    [Fact]
    public async Task A_number_without_country_code_is_read_with_the_sites_region()
    {
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var admin = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, admin, "admin@acme.test");
        var organization = await admin.GetAsync("/organization");
        var refused = await admin.SubmitAsync(organization, "form[action*=Site]", new Dictionary<string, string> { ["siteName"] = "Nowhere", ["siteRegion"] = "ZZ" });
        Assert.Contains("two-letter code", refused.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        var added = await admin.SubmitAsync(refused, "form[action*=Site]", new Dictionary<string, string> { ["siteName"] = "Ciudad de México", ["siteRegion"] = "mx" });
        Assert.Contains("MX", added.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var caseload = await admin.GetAsync("/issuance");
        var site = caseload.QuerySelectorAll("#site option").First(o => o.TextContent.Trim() == "Ciudad de México").GetAttribute("value")!;
        var client = await admin.SubmitAsync(caseload, "main form[method=post]", new Dictionary<string, string> { ["name"] = "Lucía", ["contact"] = "55 1234 5678", ["siteId"] = site });
        Assert.Contains("+52 55 1234 5678", client.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }
}
