using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Credentials.LerRs;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Tests.Support;
using UglyToad.PdfPig;

namespace OpenLer.Server.Tests.Employers;

/// <summary>
/// Exports of what applicants shared: LER-RS JSON valid against the emitted schema (verified and self-reported skills
/// marked, credentials attached), the applicants CSV with the right columns and a formula-injection name neutralized, and
/// one-page PDF resumes printed by Chromium in the applicant's language (Arabic, shaped) and in English; each export is
/// audited. SQLite and PostgreSQL.
/// </summary>
public sealed class ExportTests
{
    private const string Injection = "=cmd|'/c calc'!A1";

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Ler_rs_and_csv_exports_are_valid_and_neutralize_a_formula_name(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        var (vacancy, employer) = await ArrangeAsync(app);

        var ranked = await EmployerHarness.RankedAsync(employer, vacancy.Id);
        Assert.Equal(["Amina Yusuf", Injection], ranked.Select(r => r.Name));

        // LER-RS for each applicant: valid against the schema, only what they shared.
        foreach (var applicant in ranked)
        {
            var response = await employer.Client.GetAsync($"/employer/applications/{applicant.ApplicationId}?handler=LerRs");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
            var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            Assert.Null(LerRsExport.Validate(document));
            Assert.Equal(LerRsExport.TypeUri, (string?)document["type"]);
            Assert.Equal($"urn:uuid:{applicant.ApplicationId}", (string?)document["documentId"]!["value"]);
            Assert.Equal(applicant.Name, (string?)document["person"]!["name"]!["formattedName"]);
            Assert.Null(document["communication"]);
        }

        var amina = JsonNode.Parse(await employer.Client.GetStringAsync($"/employer/applications/{ranked[0].ApplicationId}?handler=LerRs"))!.AsObject();
        var skills = amina["skills"]!.AsArray().Select(s => s!.AsObject()).ToDictionary(s => (string)s["id"]!["value"]!, s => s);
        Assert.Equal("verified", (string?)skills["2.A.1.a"]["openlerEvidence"]!["status"]);
        Assert.Equal("self-reported", (string?)skills["2.B.1.b"]["openlerEvidence"]!["status"]);
        var certification = Assert.Single(amina["certifications"]!.AsArray());
        Assert.Equal("verified", (string?)certification!["openlerEvidence"]!["status"]);
        Assert.Contains("\"cryptosuite\":\"eddsa-rdfc-2022\"", certification["verifications"]!.ToJsonString(), StringComparison.Ordinal);

        // CSV: UTF-8 with a byte order mark, RFC 4180, the right columns, best first, the formula shown as text.
        var csvResponse = await employer.Client.GetAsync($"/employer/vacancies/{vacancy.Id}/applicants?handler=Csv");
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType!.MediaType);
        var bytes = await csvResponse.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Rank,Applicant,Score,Must-haves met,2.A.1.a Reading Comprehension (must-have),2.B.1.b Coordination (important),Proving credentials", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("1,Amina Yusuf,80.0,yes,verified,self-reported,urn:uuid:", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("2,'=cmd|'/c calc'!A1,70.0,yes,self-reported,verified,urn:uuid:", lines[2], StringComparison.Ordinal);
        Assert.DoesNotContain("," + Injection, lines[2], StringComparison.Ordinal);

        var exports = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<AuditRecord>()
            .Where(r => r.Action == AuditActions.Export).Select(r => r.Detail).ToListAsync());
        Assert.Equal(3, exports.Count(d => d == "ler-rs"));
        Assert.Contains("applicants-csv", exports);
    }

    [Fact]
    public async Task Resumes_print_to_one_page_pdfs_in_arabic_shaped_and_in_english()
    {
        if (!File.Exists(BrowserFixture.ChromiumPath))
        {
            Requirements.Missing($"Chromium is not installed at {BrowserFixture.ChromiumPath} (apt-get install -y chromium fonts-noto-core; .ci/run does).");
        }

        using var app = new OpenLerFactory();
        var (vacancy, employer) = await ArrangeAsync(app);
        var amina = (await EmployerHarness.RankedAsync(employer, vacancy.Id))[0];
        var detail = await employer.GetAsync($"/employer/applications/{amina.ApplicationId}");
        var links = detail.QuerySelectorAll(".downloads a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Contains(links, l => l.EndsWith("lang=ar", StringComparison.Ordinal));
        Assert.Contains(links, l => l.EndsWith("lang=en", StringComparison.Ordinal));

        var arabic = await PdfAsync(employer, $"/employer/applications/{amina.ApplicationId}?handler=Resume&lang=ar");
        using (var pdf = PdfDocument.Open(arabic))
        {
            Assert.Equal(1, pdf.NumberOfPages);
            var page = pdf.GetPage(1);
            var raw = page.Text.Replace(" ", "", StringComparison.Ordinal);
            var text = raw.Normalize(NormalizationForm.FormKC);
            Assert.True(ContainsEitherWay(text, "الشهادات"), text);
            Assert.Contains("AminaYusuf", text, StringComparison.Ordinal);
            var arabicLetters = page.Letters.Where(l => l.Value.Length == 1 && l.Value.Normalize(NormalizationForm.FormKC)[0] is >= '\u0620' and <= '\u064A').ToList();
            Assert.True(arabicLetters.Count > 100, $"{arabicLetters.Count} Arabic letters");
            Assert.All(arabicLetters, l => Assert.Contains("Arabic", l.FontName, StringComparison.Ordinal));

            // Shaped: the glyphs are contextual forms (Unicode Arabic Presentation Forms-B in the PDF's text map), such as the
            // initial meem and the medial heh of "مهارات"; text printed unshaped would show only isolated letters.
            Assert.Contains('\uFEE3', raw); // ARABIC LETTER MEEM INITIAL FORM
            Assert.Contains('\uFEEC', raw); // ARABIC LETTER HEH MEDIAL FORM
        }

        var english = await PdfAsync(employer, $"/employer/applications/{amina.ApplicationId}?handler=Resume&lang=en");
        using (var pdf = PdfDocument.Open(english))
        {
            Assert.Equal(1, pdf.NumberOfPages);
            var text = pdf.GetPage(1).Text;
            Assert.Contains("Skills proven by credentials", text, StringComparison.Ordinal);
            Assert.Contains("Reading Comprehension", text, StringComparison.Ordinal);
            Assert.Contains("Self-reported", text, StringComparison.Ordinal);
            Assert.Contains("Warehouse Basics", text, StringComparison.Ordinal);
        }

        var exports = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Set<AuditRecord>()
            .Where(r => r.Action == AuditActions.Export).Select(r => r.Detail).ToListAsync());
        Assert.Contains("resume-pdf:ar", exports);
        Assert.Contains("resume-pdf:en", exports);
    }

    private static async Task<byte[]> PdfAsync(WebSession employer, string path)
    {
        var response = await employer.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF-"u8.ToArray(), bytes[..5]);

        // Kept as a test artifact beside the browser screenshots, to look at (pdftoppm -png renders it back to an image).
        var folder = Path.Combine(AppContext.BaseDirectory, "artifacts", "exports");
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, "resume-" + path[^2..] + ".pdf"), bytes);
        return bytes;
    }

    private static bool ContainsEitherWay(string text, string word) =>
        text.Contains(word, StringComparison.Ordinal) || text.Contains(new string([.. word.Reverse()]), StringComparison.Ordinal);

    /// <summary>Two applicants: Amina (Arabic, a verified must-have and a self-reported skill) and one whose chosen name is a formula.</summary>
    private static async Task<(Features.Employers.JobVacancy Vacancy, WebSession Employer)> ArrangeAsync(OpenLerFactory app)
    {
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var company = await EmployerHarness.EmployerAsync(app, org.Id, "Desert Logistics", "dana@desert.test");
        var vacancy = await EmployerHarness.VacancyAsync(app, company, "Warehouse Associate", false, ("2.A.1.a", 3), ("2.B.1.b", 2));
        var (aminaId, _) = await EmployerHarness.IssueAsync(app, org.Id, "amina@export.test", "Amina Yusuf", "Warehouse Basics", "2.A.1.a", "2.A.1.d");
        await EmployerHarness.IssueAsync(app, org.Id, "mallory@export.test", "Mallory", "Kitchen Basics", "2.B.1.b");
        await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Jobseekers.Where(j => j.Id == aminaId).ExecuteUpdateAsync(u => u.SetProperty(j => j.Language, "ar")));
        var amina = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, amina, "amina@export.test");
        await amina.SubmitAsync(await amina.GetAsync("/wallet"), "main form[method=post]:not(.language):not(.signout)", new Dictionary<string, string> { ["kind"] = "work", ["description"] = "ممرضة مساعدة، ست سنوات" });
        await EmployerHarness.ApplyAsync(amina, vacancy, ["2.B.1.b"]);
        var mallory = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, mallory, "mallory@export.test");
        await EmployerHarness.ApplyAsync(mallory, vacancy, ["2.A.1.a"], displayName: Injection);
        var employer = new WebSession(app.Client());
        await EmployerHarness.SignInEmployerAsync(app, employer, "dana@desert.test");
        return (vacancy, employer);
    }
}
