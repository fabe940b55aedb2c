using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Programs;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Staff;

/// <summary>Issue 11 (staff): programs can be edited, in several languages, with a skill picker that works without JavaScript.</summary>
public sealed class ProgramEditTests
{
    [Fact]
    public async Task The_skill_search_filters_on_the_server_and_keeps_what_was_ticked()
    {
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, staff, "admin@acme.test");

        // No search: grouped, every entry with its plain description.
        var page = await staff.GetAsync("/programs");
        Assert.True(page.QuerySelectorAll("#new-program details.skill-group").Length >= 7);
        Assert.Contains("signs, forms and instructions", page.QuerySelector("#skill-2\\.A\\.1\\.a-about")!.TextContent, StringComparison.Ordinal);

        // GET ?q= filters: only entries whose name or description has the word.
        var reading = await staff.GetAsync("/programs?q=reading");
        Assert.NotNull(reading.QuerySelector("#skill-2\\.A\\.1\\.a"));
        Assert.Null(reading.QuerySelector("#skill-2\\.B\\.1\\.b"));

        // The form's Search button: the typed fields and the ticked skill stay, the list is filtered by the new word.
        var searched = await staff.SubmitAsync(reading, "#new-program", new Dictionary<string, string>
        {
            ["name"] = "Forklift", ["skills"] = "2.A.1.a", ["q"] = "forklift", ["find"] = "1",
        });
        Assert.Equal("Forklift", searched.QuerySelector("#name")!.GetAttribute("value"));
        Assert.True(searched.QuerySelector("#skills-chosen #skill-2\\.A\\.1\\.a")!.HasAttribute("checked"));
        Assert.NotNull(searched.QuerySelector("#skill-53-7051\\.00"));
        Assert.Null(searched.QuerySelector("#skill-2\\.B\\.1\\.b"));
        Assert.Equal(0, await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Programs.CountAsync()));

        var saved = await staff.SubmitAsync(searched, "#new-program", new Dictionary<string, string>
        {
            ["description"] = "Safe driving.", ["criteria"] = "A practical test.", ["skills"] = "2.A.1.a\u001f53-7051.00",
        });
        Assert.Equal("Program saved.", saved.QuerySelector("[role=status]")!.TextContent.Trim());
        var program = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Programs.SingleAsync());
        Assert.Equal("2.A.1.a\n53-7051.00", program.Alignments);
    }

    [Fact]
    public async Task A_program_is_edited_in_several_languages_the_page_names_the_missing_ones_and_issued_credentials_keep_their_text()
    {
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var staff = new WebSession(app.Client());
        await Journey.IssueAsync(app, staff, "admin@acme.test", "Warehouse Basics", "amina@edit.test");
        var before = await app.FirstCredentialJsonAsync();

        var list = await staff.GetAsync("/programs");
        var edit = await staff.GetAsync(list.QuerySelector(".card a[href^='/programs/']")!.GetAttribute("href")!);
        Assert.Contains("Español", edit.QuerySelector("#missing-languages")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("العربية", edit.QuerySelector("#missing-languages")!.TextContent, StringComparison.Ordinal);
        Assert.True(edit.QuerySelector("#skill-2\\.A\\.1\\.a")!.HasAttribute("checked"));

        // Markup in a translation: refused with a clear message, nothing saved.
        var refused = await staff.SubmitAsync(edit, "#edit-program", new Dictionary<string, string>
        {
            ["t-name-es"] = "<b>Almacén</b>", ["t-description-es"] = "Levantamiento seguro.", ["t-criteria-es"] = "Asistió al curso.",
        });
        Assert.Contains("plain text", refused.QuerySelector("#program-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", refused.QuerySelector("#t-name-es")!.GetAttribute("aria-invalid"));

        var saved = await staff.SubmitAsync(refused, "#edit-program", new Dictionary<string, string>
        {
            ["name"] = "Warehouse Basics II",
            ["t-name-es"] = "Almacén básico", ["t-description-es"] = "Levantamiento seguro.", ["t-criteria-es"] = "Asistió al curso.",
        });
        Assert.Equal("Program saved.", saved.QuerySelector("[role=status]")!.TextContent.Trim());
        var missing = saved.QuerySelector("#missing-languages")!.TextContent;
        Assert.DoesNotContain("Español", missing, StringComparison.Ordinal);
        Assert.Contains("العربية", missing, StringComparison.Ordinal);
        Assert.Equal("Almacén básico", saved.QuerySelector("#t-name-es")!.GetAttribute("value"));

        var texts = await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<AppDbContext>();
            var ids = await db.Programs.Select(p => p.Id).ToListAsync();
            var service = s.GetRequiredService<ProgramTexts>();
            return (Es: (await service.ForReaderAsync(ids, "es")).Values.Single(), Ar: (await service.ForReaderAsync(ids, "ar")).Values.Single());
        });
        Assert.Equal(("Almacén básico", "es", true), (texts.Es.Name, texts.Es.Language, texts.Es.Translated));
        Assert.Equal(("Warehouse Basics II", "en", false), (texts.Ar.Name, texts.Ar.Language, texts.Ar.Translated));

        // The person's wallet: in Spanish the organization's translation beside the signed original; in Arabic (not
        // translated) the original, marked with its language.
        var holder = new WebSession(app.Client());
        var wallet = await Journey.SignInJobseekerAsync(app, holder, "amina@edit.test");
        var cardLink = wallet.QuerySelector("a[href^='/wallet/credentials/']")!.GetAttribute("href")!;
        var card = await holder.ChooseLanguageAsync(await holder.GetAsync(cardLink), "es");
        Assert.Equal("Almacén básico", card.QuerySelector("#in-your-language dd")!.TextContent.Trim());
        Assert.Null(card.QuerySelector("#original-language"));
        card = await holder.ChooseLanguageAsync(card, "ar");
        Assert.Null(card.QuerySelector("#in-your-language"));
        Assert.Equal("en", card.QuerySelector("h1")!.GetAttribute("lang"));
        Assert.Contains("English", card.QuerySelector("#original-language")!.TextContent, StringComparison.Ordinal);

        // The issued credential is unchanged, signed text and title.
        Assert.Equal(before, await app.FirstCredentialJsonAsync());
        Assert.Equal("Warehouse Basics", await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Credentials.Select(c => c.AchievementName).SingleAsync()));
    }

    [Fact]
    public async Task A_specialist_cannot_edit_a_program_and_another_organizations_program_is_not_found()
    {
        using var app = new OpenLerFactory();
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await app.CreateOrganizationAsync("other", "admin@other.test");
        await app.CreateStaffAsync(org.Id, "luis@acme.test");
        var admin = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, admin, "admin@acme.test");
        await admin.SubmitAsync(await admin.GetAsync("/programs"), "#new-program", new Dictionary<string, string> { ["name"] = "P", ["description"] = "D", ["criteria"] = "C" });
        var path = (await admin.GetAsync("/programs")).QuerySelector(".card a[href^='/programs/']")!.GetAttribute("href")!;

        var luis = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, luis, "luis@acme.test");
        var response = await luis.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var denied = await luis.GetAsync(response.Headers.Location!.PathAndQuery, HttpStatusCode.Forbidden);
        Assert.Equal("You don't have access to this page", denied.QuerySelector("h1")!.TextContent.Trim());

        var other = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, other, "admin@other.test");
        await other.GetAsync(path, HttpStatusCode.NotFound);
    }
}
