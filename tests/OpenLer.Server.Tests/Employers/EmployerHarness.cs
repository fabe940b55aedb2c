using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Employers;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Employers;

/// <summary>
/// Arrangement for the employer tests: credentials issued with chosen O*NET alignments (through the app's own caseload and
/// issuer), an employer company invited by the organization, vacancies with chosen skills, and the pages' steps (employer
/// sign-in with an e-mail code, a jobseeker applying through the job's page, reading the ranked list).
/// </summary>
public static class EmployerHarness
{
    public const string Password = "Test-password-1";

    /// <summary>One applicant as the ranked page shows them.</summary>
    public sealed record Ranked(string ApplicationId, string Name, decimal Score, IReadOnlyDictionary<string, string> Evidence, string Text);

    /// <summary>Issues a credential of a program aligned to <paramref name="alignments"/> to the person (a new client when needed); returns their jobseeker id.</summary>
    public static Task<(Guid Jobseeker, Guid Credential)> IssueAsync(OpenLerFactory app, Guid organizationId, string contact, string name, string program, params string[] alignments) =>
        app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            var caseload = services.GetRequiredService<Caseload>();
            var records = services.GetRequiredService<CaseRecords>();
            var row = new AchievementProgram
            {
                Id = Guid.NewGuid(),
                OrganizationId = organizationId,
                Name = program,
                Description = "Test program " + program,
                Criteria = "Completed it.",
                Alignments = string.Join('\n', alignments),
                CreatedAt = DateTime.UtcNow,
            };
            db.Programs.Add(row);
            await db.SaveChangesAsync();
            var index = records.ClientContactIndex(organizationId, OpenLer.Server.Features.Account.Contacts.Normalize(contact)!.Value);
            var client = await db.Clients.FirstOrDefaultAsync(c => c.OrganizationId == organizationId && c.ContactIndex == index)
                ?? (await caseload.AddClientAsync(organizationId, null, name, contact)).Client!;
            var enrollment = await caseload.EnrollAsync(organizationId, client.Id, row.Id, "2026");
            await caseload.CompleteAsync(organizationId, enrollment!.Id, "Did it.", null);
            var issued = await services.GetRequiredService<CredentialIssuer>().IssueAsync(organizationId, enrollment.Id);
            Assert.True(issued.IsSuccess, issued.Error?.Message);
            return (client.JobseekerId!.Value, issued.Value.Id);
        });

    /// <summary>Adds an employer to the organization's list and invites its hiring manager (a new company); returns the company id.</summary>
    public static Task<Guid> EmployerAsync(OpenLerFactory app, Guid organizationId, string name, string email) =>
        app.WithScopeAsync(async services =>
        {
            var accounts = services.GetRequiredService<EmployerAccounts>();
            var employer = (await accounts.AddEmployerAsync(organizationId, name, null)).Value;
            var invited = await accounts.InviteAsync(organizationId, employer.Id, "Hiring " + name, email, "en");
            Assert.True(invited.IsSuccess, invited.Error?.Message);
            var db = services.GetRequiredService<AppDbContext>();
            return (await db.Employers.FirstAsync(e => e.Id == employer.Id)).CompanyId!.Value;
        });

    /// <summary>An open vacancy with exactly these skills (code, category 1-3); returns it.</summary>
    public static Task<JobVacancy> VacancyAsync(OpenLerFactory app, Guid companyId, string title, bool requiresWorkAuthorization, params (string Code, int Category)[] skills) =>
        app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            var vacancy = new JobVacancy
            {
                Id = Guid.NewGuid(),
                CompanyId = companyId,
                Title = title,
                OccupationCode = "53-7065.00",
                PublicToken = OpenLer.Server.Features.Sharing.ShareTokens.Create(),
                RequiresWorkAuthorization = requiresWorkAuthorization,
                State = VacancyStates.Open,
                CreatedAt = DateTime.UtcNow,
                PublishedAt = DateTime.UtcNow,
            };
            var position = 0;
            foreach (var (code, category) in skills)
            {
                vacancy.Skills.Add(new VacancySkillRow { Id = Guid.NewGuid(), VacancyId = vacancy.Id, Code = code, Category = category, Position = position++ });
            }

            db.Add(vacancy);
            await db.SaveChangesAsync();
            return vacancy;
        });

    /// <summary>Signs an employer user in through the pages with the code sent to their e-mail address; returns their home page.</summary>
    public static async Task<IHtmlDocument> SignInEmployerAsync(OpenLerFactory app, WebSession employer, string email)
    {
        var signIn = await employer.GetAsync("/employer/sign-in");
        var codePage = await employer.SubmitAsync(signIn, "main form", new Dictionary<string, string> { ["email"] = email });
        var code = app.Messages.Latest(email, "employer-code") ?? throw new InvalidOperationException("No employer code was sent to " + email);
        Assert.Matches("^[0-9]{6}$", code);
        var home = await employer.SubmitAsync(codePage, "main form", new Dictionary<string, string> { ["code"] = code });
        Assert.Equal("/employer", employer.Last!.RequestMessage!.RequestUri!.AbsolutePath);
        return home;
    }

    /// <summary>A jobseeker (signed in on <paramref name="holder"/>) applies through the job's page.</summary>
    public static async Task<IHtmlDocument> ApplyAsync(WebSession holder, JobVacancy vacancy, string[] selfReported, string? displayName = null,
        Guid[]? credentials = null, System.Net.HttpStatusCode expected = System.Net.HttpStatusCode.OK, bool shareContact = false, IDictionary<string, string>? extra = null)
    {
        var page = await holder.GetAsync("/jobs/" + vacancy.PublicToken);
        var fields = new Dictionary<string, string>(extra ?? new Dictionary<string, string>());
        if (selfReported.Length > 0)
        {
            fields["selfReported"] = string.Join('\u001f', selfReported);
        }

        if (displayName is not null)
        {
            fields["displayName"] = displayName;
        }

        if (credentials is not null)
        {
            fields["credentialIds"] = string.Join('\u001f', credentials);
        }

        if (shareContact)
        {
            fields["shareContact"] = "true";
        }

        return await holder.SubmitAsync(page, "#apply-form", fields, expected);
    }

    /// <summary>The ranked, explained list as the employer sees it.</summary>
    public static async Task<List<Ranked>> RankedAsync(WebSession employer, Guid vacancyId)
    {
        var page = await employer.GetAsync($"/employer/vacancies/{vacancyId}/applicants");
        return [.. page.QuerySelectorAll("li.applicant").Select(li => new Ranked(
            li.GetAttribute("data-application")!,
            li.QuerySelector("h2 a")!.TextContent.Trim(),
            decimal.Parse(li.GetAttribute("data-score")!, System.Globalization.CultureInfo.InvariantCulture),
            li.QuerySelectorAll("li[data-skill]").ToDictionary(s => s.GetAttribute("data-skill")!, s => s.GetAttribute("data-evidence")!),
            li.TextContent))];
    }

    /// <summary>
    /// Replaces an issued credential by a re-signed copy after <paramref name="change"/>: signed by the organization's own key
    /// (still trusted) or, with <paramref name="foreignKey"/>, by that key as issuer (a did:key this deployment does not trust).
    /// </summary>
    public static Task ResignAsync(OpenLerFactory app, Guid credentialId, Action<JsonObject> change, KeyPair? foreignKey = null) =>
        app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            var records = services.GetRequiredService<CaseRecords>();
            var keys = services.GetRequiredService<OrganizationKeys>();
            var credential = await db.Credentials.FirstAsync(c => c.Id == credentialId);
            var json = JsonNode.Parse(records.CredentialJson(credential))!.AsObject();
            json.Remove("proof");
            change(json);
            var signer = new DataIntegritySigner(Cryptosuites.Default, TimeProvider.System);
            OpenLer.Credentials.Common.Outcome<JsonObject> signed;
            if (foreignKey is not null)
            {
                var did = foreignKey.PublicKey.ToDidKey();
                json["issuer"]!.AsObject()["id"] = did;
                signed = signer.Sign(json, foreignKey, new ProofOptions { Cryptosuite = CredentialIssuer.Cryptosuite, VerificationMethod = did + "#" + foreignKey.PublicKey.ToMultibase() });
            }
            else
            {
                var org = await db.Organizations.FirstAsync(o => o.Id == credential.OrganizationId);
                var key = await keys.ActiveKeyAsync(org.Id);
                using var pair = keys.SigningKey(key);
                signed = signer.Sign(json, pair, new ProofOptions { Cryptosuite = CredentialIssuer.Cryptosuite, VerificationMethod = keys.Identity(org, key).VerificationMethod });
            }

            Assert.True(signed.IsSuccess, signed.Error?.Message);
            records.SetCredentialJson(credential, StrictJson.Serialize(signed.Value, indented: true));
            await db.SaveChangesAsync();
            return true;
        });
}
