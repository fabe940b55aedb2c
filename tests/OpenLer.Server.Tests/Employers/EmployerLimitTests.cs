using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Employers;

/// <summary>
/// The employer pages follow the app's hardening: every text field shows a maxlength the server enforces (400 at one
/// more), personal pages are never cached, and the job's public page is never indexed.
/// </summary>
public sealed class EmployerLimitTests
{
    private static readonly string[] TextTypes = ["text", "email", "password", "tel", "url", "search", "number", ""];

    [Fact]
    public async Task Every_text_field_of_the_employer_pages_has_an_enforced_limit_and_pages_are_not_cached()
    {
        using var app = new OpenLerFactory();
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var company = await EmployerHarness.EmployerAsync(app, org.Id, "Desert Logistics", "dana@desert.test");
        var vacancy = await EmployerHarness.VacancyAsync(app, company, "Warehouse Associate", false, ("2.A.1.a", 3));
        await EmployerHarness.IssueAsync(app, org.Id, "amina@limits.test", "Amina", "Warehouse Basics", "2.A.1.a");
        var holder = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, holder, "amina@limits.test");
        var employer = new WebSession(app.Client());
        await EmployerHarness.SignInEmployerAsync(app, employer, "dana@desert.test");
        var staff = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, staff, "admin@acme.test");
        var visitor = new WebSession(app.Client());

        var pages = new (WebSession Session, string Path)[]
        {
            (visitor, "/employer/sign-in"), (visitor, "/employer/code"), (employer, "/employer/vacancies/new?occupation=53-7065.00"),
            (employer, $"/employer/vacancies/{vacancy.Id}"), (employer, "/employer/team"), (holder, "/jobs/" + vacancy.PublicToken),
            (staff, "/organization/employers"),
        };
        var checkedFields = 0;
        foreach (var (session, path) in pages)
        {
            var page = await session.GetAsync(path);
            Assert.Contains("no-store", session.Last!.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
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
                    if (form.Method.Equals("get", StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    var refused = await session.SubmitAsync(fresh, "#form-under-test", new Dictionary<string, string> { [name] = new string('x', limit + 1) }, HttpStatusCode.BadRequest);
                    Assert.Equal("A field is too long", refused.QuerySelector("h1")!.TextContent);
                    checkedFields++;
                }
            }
        }

        Assert.True(checkedFields >= 15, $"only {checkedFields} fields found");
        var job = await visitor.Client.GetAsync("/jobs/" + vacancy.PublicToken);
        Assert.Equal("noindex, nofollow", string.Join(", ", job.Headers.GetValues("X-Robots-Tag")));
    }

    private static IEnumerable<IElement> TextFields(IHtmlFormElement form) =>
        form.Elements.Where(e => e is IHtmlTextAreaElement || (e is IHtmlInputElement input && TextTypes.Contains(input.GetAttribute("type") ?? "")))
            .Where(e => !string.IsNullOrEmpty(e.GetAttribute("name")));
}
