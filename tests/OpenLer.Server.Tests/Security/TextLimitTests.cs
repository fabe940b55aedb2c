using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Wallet;
using OpenLer.Server.Infrastructure.Security;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Security;

/// <summary>
/// Issue 9 hardening: every text field of every form has a length limit, shown as maxlength and enforced by the server
/// (one more character answers 400 with a page that says so); fields that declare none are held to a general cap;
/// stored text is cleaned of control characters.
/// </summary>
public sealed class TextLimitTests(ITestOutputHelper output)
{
    private static readonly string[] TextTypes = ["", "text", "email", "url", "password", "search", "tel"];

    [Fact]
    public async Task Every_text_field_on_every_form_shows_a_maxlength_that_the_server_enforces()
    {
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client());
        var issued = await Journey.IssueAsync(app, staff, "admin@acme.test", "Warehouse Basics", JourneyTests.Contact);

        // A second enrollment so that the client page also shows a completion form.
        var client = await staff.GetAsync(issued.ClientPath);
        await staff.SubmitAsync(client, "form[action*=Enroll]", new Dictionary<string, string> { ["cohort"] = "2026 Fall" });
        var holder = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, holder, JourneyTests.Contact);
        var visitor = new WebSession(app.Client());

        var pages = new (WebSession Session, string Path)[]
        {
            (staff, "/programs"), (staff, "/issuance"), (staff, issued.ClientPath), (staff, "/organization"),
            (holder, "/wallet"), (holder, "/sharing"), (visitor, "/verify"),
        };
        var checkedFields = 0;
        foreach (var (session, path) in pages)
        {
            var page = await session.GetAsync(path);
            var forms = page.QuerySelectorAll("main form").OfType<IHtmlFormElement>().ToList();
            for (var f = 0; f < forms.Count; f++)
            {
                foreach (var field in TextFields(forms[f]))
                {
                    var name = field.GetAttribute("name")!;
                    var maxLength = field.GetAttribute("maxlength");
                    Assert.True(maxLength is not null, $"{path}: field '{name}' has no maxlength");
                    var limit = int.Parse(maxLength!, System.Globalization.CultureInfo.InvariantCulture);

                    var fresh = await session.GetAsync(path);
                    var form = fresh.QuerySelectorAll("main form").OfType<IHtmlFormElement>().ElementAt(f);
                    form.Id = "form-under-test";
                    var refused = await session.SubmitAsync(fresh, "#form-under-test", new Dictionary<string, string> { [name] = new string('x', limit + 1) }, HttpStatusCode.BadRequest);
                    Assert.Equal("A field is too long", refused.QuerySelector("h1")!.TextContent);
                    output.WriteLine($"{path} {name}: maxlength {limit}, {limit + 1} refused");
                    checkedFields++;
                }
            }
        }

        Assert.True(checkedFields >= 18, $"only {checkedFields} fields found");
    }

    private static IEnumerable<IElement> TextFields(IHtmlFormElement form) =>
        form.Elements.Where(e => e is IHtmlTextAreaElement || (e is IHtmlInputElement input && TextTypes.Contains(input.GetAttribute("type") ?? "")))
            .Where(e => !string.IsNullOrEmpty(e.GetAttribute("name")));

    [Fact]
    public async Task A_value_at_the_limit_is_accepted()
    {
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", JourneyTests.Contact);
        var holder = new WebSession(app.Client());
        var wallet = await Journey.SignInJobseekerAsync(app, holder, JourneyTests.Contact);
        var text = new string('x', TextLimits.Sentence);
        await holder.SubmitAsync(wallet, "main form[method=post]", new Dictionary<string, string> { ["description"] = text, ["kind"] = "work" });
        Assert.Equal(text, await app.WithScopeAsync(async s => s.GetRequiredService<SelfReportedRecords>().Description(await s.GetRequiredService<AppDbContext>().SelfReported.SingleAsync())));
    }

    [Fact]
    public async Task A_field_that_declares_no_limit_is_held_to_the_general_cap()
    {
        // The account pages declare no limits of their own yet: the general cap still applies.
        using var app = new OpenLerFactory();
        var visitor = new WebSession(app.Client());
        var signIn = await visitor.GetAsync("/account/sign-in");
        var refused = await visitor.SubmitAsync(signIn, "main form", new Dictionary<string, string> { ["contact"] = new string('9', TextLimits.Undeclared + 1) }, HttpStatusCode.BadRequest);
        Assert.Equal("A field is too long", refused.QuerySelector("h1")!.TextContent);
        Assert.Empty(app.Messages.All);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Control_characters_in_typed_text_are_removed_before_it_is_stored(Db db)
    {
        // Sent as multipart (an urlencoded %00 is refused by the form reader already); the NUL, the bell-free controls and
        // the right-to-left override are removed before the text is encrypted and stored.
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", JourneyTests.Contact);
        var holder = new WebSession(app.Client());
        var wallet = await Journey.SignInJobseekerAsync(app, holder, JourneyTests.Contact);
        var token = wallet.QuerySelector("main form[method=post] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("Forklift\u0000 driver \u202Eexe.txt"), "description" },
            { new StringContent("work"), "kind" },
        };
        Assert.Equal(HttpStatusCode.Redirect, (await holder.Client.PostAsync("/wallet", form)).StatusCode);
        Assert.Equal("Forklift driver exe.txt", await app.WithScopeAsync(async s => s.GetRequiredService<SelfReportedRecords>().Description(await s.GetRequiredService<AppDbContext>().SelfReported.SingleAsync())));
    }
}
