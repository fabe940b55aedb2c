using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Programs;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Sharing;

/// <summary>
/// Issue 11, "Content in the reader's language", for employers: the share page, the printable share card and the Verify
/// page show the issuing organization's translation of the credential's program beside the signed text (never instead
/// of it), and the original marked with its language when there is none. Only this deployment's own credentials of that
/// program match: another organization's credential naming the program, or a stranger's, is shown as it is.
/// </summary>
public sealed class ProgramTranslationReaderTests
{
    private const string Contact = "amina@translate.test";
    private const string Description = "Safe lifting, inventory and teamwork.";
    private const string Criteria = "Attended the 4-week course and passed the practical test.";

    [Fact]
    public async Task Share_page_and_card_show_the_translation_in_spanish_and_arabic_and_the_marked_original_otherwise()
    {
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", Contact);
        await TranslateAsync(app);
        var holder = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, holder, Contact);
        var path = await Journey.ShareAsync(holder);

        var employer = new WebSession(app.Client());
        var page = await employer.ChooseLanguageAsync(await employer.GetAsync(path), "es");
        AssertTranslated(page, "Almacén básico", "Levantamiento seguro e inventario.", "Asistió al curso y aprobó la prueba práctica.");

        page = await employer.ChooseLanguageAsync(page, "ar");
        Assert.Equal("rtl", page.DocumentElement.GetAttribute("dir"));
        AssertTranslated(page, "أساسيات المستودعات", "الرفع الآمن والجرد.", "حضر الدورة واجتاز الاختبار العملي.");

        // French: no translation. The signed text alone, marked as English (lang and a visible label).
        page = await employer.ChooseLanguageAsync(page, "fr");
        Assert.Null(page.QuerySelector(".in-your-language"));
        Assert.Equal("en", page.QuerySelector(".result h2")!.GetAttribute("lang"));
        Assert.Equal("en", page.QuerySelector("[data-original=description]")!.GetAttribute("lang"));
        Assert.Equal("en", page.QuerySelector(".original-language")!.GetAttribute("data-original-language"));
        Assert.Contains("English", page.QuerySelector(".original-language")!.TextContent, StringComparison.Ordinal);

        // English, the program's own language: nothing to mark.
        page = await employer.ChooseLanguageAsync(page, "en");
        Assert.Null(page.QuerySelector(".in-your-language"));
        Assert.Null(page.QuerySelector(".original-language"));
        Assert.False(page.QuerySelector(".result h2")!.HasAttribute("lang"));

        // The holder's printable card: the translated name, the signed one beside it, marked as English.
        var shareId = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Shares.Select(x => x.Id).SingleAsync());
        var card = await holder.ChooseLanguageAsync(await holder.GetAsync($"/sharing/{shareId}/card"), "es");
        Assert.Equal("Almacén básico", card.QuerySelector(".card-titles .card-translated")!.TextContent.Trim());
        var original = card.QuerySelector(".card-titles .card-original bdi")!;
        Assert.Equal(("Warehouse Basics", "en"), (original.TextContent, original.GetAttribute("lang")));
        card = await holder.ChooseLanguageAsync(card, "fr");
        Assert.Null(card.QuerySelector(".card-translated"));
        Assert.Equal("en", card.QuerySelector(".card-titles li")!.GetAttribute("lang"));
    }

    [Fact]
    public async Task Verify_page_translates_a_pasted_credential_of_the_program_and_leaves_foreign_ones_as_they_are()
    {
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var other = await app.CreateOrganizationAsync("other", "admin@other.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", Contact);
        await TranslateAsync(app);
        var json = await app.FirstCredentialJsonAsync();
        var visitor = new WebSession(app.Client());

        await visitor.ChooseLanguageAsync(await visitor.GetAsync("/verify"), "es");
        var page = await VerifyAsync(visitor, json);
        Assert.Equal("Genuine", page.QuerySelector("main .result")!.GetAttribute("data-verdict"));
        AssertTranslated(page, "Almacén básico", "Levantamiento seguro e inventario.", "Asistió al curso y aprobó la prueba práctica.");
        Assert.NotNull(page.QuerySelector("#in-your-language"));

        await visitor.ChooseLanguageAsync(await visitor.GetAsync("/verify"), "ar");
        page = await VerifyAsync(visitor, json);
        AssertTranslated(page, "أساسيات المستودعات", "الرفع الآمن والجرد.", "حضر الدورة واجتاز الاختبار العملي.");

        await visitor.ChooseLanguageAsync(await visitor.GetAsync("/verify"), "fr");
        page = await VerifyAsync(visitor, json);
        Assert.Null(page.QuerySelector(".in-your-language"));
        Assert.Equal("en", page.QuerySelector("#result-title")!.GetAttribute("lang"));
        Assert.Contains("English", page.QuerySelector(".original-language")!.TextContent, StringComparison.Ordinal);

        // Another organization of this deployment (a trusted issuer) signs a credential naming acme's program: genuine,
        // but not acme's, so acme's translation is not put beside it.
        await visitor.ChooseLanguageAsync(await visitor.GetAsync("/verify"), "es");
        var achievementId = JsonNode.Parse(json)!["credentialSubject"]!["achievement"]!["id"]!.GetValue<string>();
        var borrowed = await app.WithScopeAsync(async s =>
        {
            var keys = s.GetRequiredService<Features.Organizations.OrganizationKeys>();
            var active = await keys.ActiveKeyAsync(other.Id);
            var identity = keys.Identity(other, active);
            using var key = keys.SigningKey(active);
            return Credentials.Jose.VcJose.Secure(Badge(identity.Did, achievementId, null), key, identity.VerificationMethod);
        });
        page = await VerifyAsync(visitor, borrowed);
        Assert.Equal("Genuine", page.QuerySelector("main .result")!.GetAttribute("data-verdict"));
        Assert.Null(page.QuerySelector(".in-your-language"));
        Assert.DoesNotContain("Almacén básico", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        // A stranger's credential with acme's achievement id and its text said to be German: unchanged, marked "de".
        using var stranger = KeyPair.Generate(KeyType.Ed25519);
        var did = stranger.PublicKey.ToDidKey();
        var signed = new DataIntegritySigner(Cryptosuites.Default, TimeProvider.System).Sign(Badge(did, achievementId, "de"), stranger,
            new ProofOptions { Cryptosuite = "eddsa-rdfc-2022", VerificationMethod = did + "#" + stranger.PublicKey.ToMultibase() });
        page = await VerifyAsync(visitor, StrictJson.Serialize(signed.Value));
        Assert.Null(page.QuerySelector(".in-your-language"));
        Assert.DoesNotContain("Almacén básico", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("de", page.QuerySelector("[data-original=description]")!.GetAttribute("lang"));
        Assert.Equal(Description, page.QuerySelector("[data-original=description]")!.TextContent.Trim());
    }

    [Fact]
    public async Task An_employer_reading_an_application_in_spanish_sees_the_translation_beside_the_signed_text()
    {
        using var app = new OpenLerFactory();
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var company = await Employers.EmployerHarness.EmployerAsync(app, org.Id, "Desert Logistics", "dana@desert.test");
        var vacancy = await Employers.EmployerHarness.VacancyAsync(app, company, "Warehouse Associate", false, ("2.A.1.a", 3));
        await Employers.EmployerHarness.IssueAsync(app, org.Id, Contact, "Amina Yusuf", "Warehouse Basics", "2.A.1.a");
        await app.WithScopeAsync(async s =>
        {
            var program = await s.GetRequiredService<AppDbContext>().Programs.SingleAsync();
            await s.GetRequiredService<ProgramTexts>().SaveAsync(program, [new("es", "Almacén básico", "Levantamiento seguro.", "Lo completó.")]);
            return true;
        });
        var amina = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, amina, Contact);
        await Employers.EmployerHarness.ApplyAsync(amina, vacancy, []);
        var employer = new WebSession(app.Client());
        await Employers.EmployerHarness.SignInEmployerAsync(app, employer, "dana@desert.test");
        var ranked = Assert.Single(await Employers.EmployerHarness.RankedAsync(employer, vacancy.Id));

        var detail = await employer.ChooseLanguageAsync(await employer.GetAsync($"/employer/applications/{ranked.ApplicationId}"), "es");
        var box = detail.QuerySelector(".in-your-language")!;
        Assert.NotNull(box);
        Assert.Equal("Almacén básico", box.QuerySelector("[data-translated=name]")!.TextContent.Trim());
        Assert.Equal(("Test program Warehouse Basics", "en"),
            (detail.QuerySelector("[data-original=description]")!.TextContent.Trim(), detail.QuerySelector("[data-original=description]")!.GetAttribute("lang")));
        detail = await employer.ChooseLanguageAsync(detail, "en");
        Assert.Null(detail.QuerySelector(".in-your-language"));
    }

    /// <summary>The organization translates its program into Spanish and Arabic (as on its edit page).</summary>
    private static Task TranslateAsync(OpenLerFactory app) =>
        app.WithScopeAsync(async s =>
        {
            var program = await s.GetRequiredService<AppDbContext>().Programs.SingleAsync();
            await s.GetRequiredService<ProgramTexts>().SaveAsync(program,
            [
                new("es", "Almacén básico", "Levantamiento seguro e inventario.", "Asistió al curso y aprobó la prueba práctica."),
                new("ar", "أساسيات المستودعات", "الرفع الآمن والجرد.", "حضر الدورة واجتاز الاختبار العملي."),
            ]);
            return true;
        });

    /// <summary>The translation as the organization's, and the signed English text still there, marked as English.</summary>
    private static void AssertTranslated(IHtmlDocument page, string name, string description, string criteria)
    {
        var box = page.QuerySelector(".in-your-language")!;
        Assert.NotNull(box);
        Assert.Equal(name, box.QuerySelector("[data-translated=name]")!.TextContent.Trim());
        Assert.Equal(description, box.QuerySelector("[data-translated=description]")!.TextContent.Trim());
        Assert.Equal(criteria, box.QuerySelector("[data-translated=criteria]")!.TextContent.Trim());
        Assert.NotNull(box.QuerySelector(".hint"));
        var title = page.QuerySelector(".result h2")!;
        Assert.Equal(("Warehouse Basics", "en"), (title.TextContent.Trim(), title.GetAttribute("lang")));
        var signed = page.QuerySelector("[data-original=description]")!;
        Assert.Equal((Description, "en"), (signed.TextContent.Trim(), signed.GetAttribute("lang")));
        Assert.Equal(Criteria, page.QuerySelector("[data-original=criteria]")!.TextContent.Trim());
    }

    private static async Task<IHtmlDocument> VerifyAsync(WebSession visitor, string text) =>
        await visitor.SubmitAsync(await visitor.GetAsync("/verify"), "main form", new Dictionary<string, string> { ["credential"] = text });

    private static JsonObject Badge(string issuer, string achievementId, string? language)
    {
        var achievement = new JsonObject
        {
            ["id"] = achievementId,
            ["type"] = new JsonArray("Achievement"),
            ["name"] = "Warehouse Basics",
            ["description"] = Description,
            ["criteria"] = new JsonObject { ["narrative"] = Criteria },
        };
        if (language is not null)
        {
            achievement["inLanguage"] = language;
        }

        return new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"),
            ["id"] = "urn:uuid:" + Guid.NewGuid(),
            ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
            ["issuer"] = new JsonObject { ["id"] = issuer, ["type"] = new JsonArray("Profile"), ["name"] = "Someone else" },
            ["validFrom"] = "2026-01-15T00:00:00Z",
            ["name"] = "Warehouse Basics",
            ["credentialSubject"] = new JsonObject
            {
                ["id"] = "did:example:holder",
                ["type"] = new JsonArray("AchievementSubject"),
                ["achievement"] = achievement,
            },
        };
    }
}
