using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Infrastructure.Security;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Security;

/// <summary>
/// Issue 9 hardening and SECURITY.md CP-18: bidirectional controls (U+202A-202E, U+2066-2069) never reach a page, so a
/// name like "\u202Egnp.exe" cannot reorder text: typed names are stored clean, and the app's HTML encoder drops them
/// from anything shown (old data, foreign credentials).
/// </summary>
public sealed partial class BidiTests
{
    private const string Spoofed = "Amina \u202Egnp.exe\u202C";

    private static void AssertNoBidi(string html)
    {
        Assert.DoesNotMatch(BidiControl(), html);
        Assert.DoesNotContain("&#x202", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("&#x206", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task A_typed_name_is_stored_without_bidi_controls_and_shown_without_them(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, staff, "admin@acme.test");
        var caseload = await staff.GetAsync("/issuance");
        var client = await staff.SubmitAsync(caseload, "main form", new Dictionary<string, string> { ["name"] = Spoofed, ["contact"] = "amina@bidi.test" });
        AssertNoBidi(client.DocumentElement.OuterHtml);

        var stored = await app.WithScopeAsync(async s => s.GetRequiredService<People>().Name(await s.GetRequiredService<AppDbContext>().Jobseekers.SingleAsync()));
        Assert.Equal("Amina gnp.exe", stored);
        var list = await staff.Client.GetStringAsync("/issuance");
        AssertNoBidi(list);
        Assert.Contains("Amina gnp.exe", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_already_stored_with_bidi_controls_is_shown_without_them_to_staff_and_jobseeker()
    {
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client());
        await Journey.IssueAsync(app, staff, "admin@acme.test", "Warehouse Basics", JourneyTests.Contact);
        await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<AppDbContext>();
            const string Spoof = "\u2067Ali\u2069 \u202Egnp.exe \u202Ad\u202Bd\u202Dd\u2066d\u2068";
            s.GetRequiredService<People>().SetName(await db.Jobseekers.SingleAsync(), Spoof);
            var records = s.GetRequiredService<OpenLer.Server.Features.Issuance.CaseRecords>();
            var client = await db.Clients.SingleAsync();
            records.SetClient(client, Spoof, records.ClientContact(client)!);
            return await db.SaveChangesAsync();
        });

        var list = await staff.Client.GetStringAsync("/issuance");
        AssertNoBidi(list);
        Assert.Contains("Ali gnp.exe dddd", list, StringComparison.Ordinal);

        var holder = new WebSession(app.Client());
        var wallet = await Journey.SignInJobseekerAsync(app, holder, JourneyTests.Contact);
        AssertNoBidi(wallet.DocumentElement.OuterHtml);
        AssertNoBidi(await holder.Client.GetStringAsync("/wallet"));
    }

    [Fact]
    public async Task The_verify_page_shows_a_foreign_credentials_names_without_bidi_controls()
    {
        using var app = new OpenLerFactory();
        var credential = ForeignCredentials.OpenBadge(name: "\u202Egnp.exe Forklift", issuerName: "\u202EInternational Rescue Committee\u2066");
        var visitor = new WebSession(app.Client());
        var page = await visitor.SubmitAsync(await visitor.GetAsync("/verify"), "main form", new Dictionary<string, string> { ["credential"] = credential });
        Assert.NotNull(page.QuerySelector("[data-verified]"));
        var html = await visitor.Last!.Content.ReadAsStringAsync();
        AssertNoBidi(html);
        // A stranger's self-given name is shown only as an unchecked claim beside its identifier (SECURITY.md CP-18).
        Assert.Equal("International Rescue Committee", page.QuerySelector("#claimed-issuer bdi")!.TextContent);
    }

    [Fact]
    public void The_encoder_drops_bidi_controls_in_text_and_utf8_and_encodes_the_rest_as_before()
    {
        var inner = HtmlEncoder.Create(new TextEncoderSettings(UnicodeRanges.All));
        var encoder = new BidiSafeHtmlEncoder(inner);
        Assert.Equal("ab&lt;c&quot;عربي", encoder.Encode("a\u202Eb<c\"\u2067عربي\u2069"));
        Assert.Equal("plain text", encoder.Encode("plain text"));
        Assert.Equal(inner.Encode("<script>\u200Dزن</script>"), encoder.Encode("<script>\u200Dزن</script>"));

        var utf8 = Encoding.UTF8.GetBytes("x\u2066y\u202Ez");
        Assert.Equal(1, encoder.FindFirstCharacterToEncodeUtf8(utf8));
        var output = new byte[64];
        encoder.EncodeUtf8(utf8, output, out _, out var written);
        Assert.Equal("xyz", Encoding.UTF8.GetString(output, 0, written));

        using var writer = new StringWriter();
        encoder.Encode(writer, "\u202Dgnp.exe");
        Assert.Equal("gnp.exe", writer.ToString());
    }

    [Theory]
    [InlineData("Amina \u202Egnp.exe", "Amina gnp.exe")]
    [InlineData("a\u0000b\u0007c\td\ne", "abc\td\ne")]
    [InlineData("مهارات\u200Cکار", "مهارات\u200Cکار")]
    [InlineData("😀 ok", "😀 ok")]
    [InlineData("c1\u0085\u009Fend", "c1end")]
    public void Cleaning_removes_controls_keeps_joiners_and_repairs_surrogates(string typed, string stored) =>
        Assert.Equal(stored, UserText.Clean(typed));

    [Fact]
    public void Cleaning_replaces_an_unpaired_surrogate()
    {
        var typed = "x" + (char)0xD800 + "y" + (char)0xDC00;
        Assert.Equal("x\uFFFDy\uFFFD", UserText.Clean(typed));
    }

    [System.Text.RegularExpressions.GeneratedRegex("[\u202A-\u202E\u2066-\u2069]")]
    private static partial System.Text.RegularExpressions.Regex BidiControl();
}
