using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Credentials.Status;
using OpenLer.Server.Data;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Security;

/// <summary>
/// docs/security.md PV-01, PV-03, PV-04 and CP-21: what the deployment publishes and shows about people (status lists with
/// herd privacy, a warning that an issuer's name can reveal status, nothing to correlate shares by) and an organization's
/// signing-key rotation that keeps old credentials verifying.
/// </summary>
public sealed class PrivacyAndKeyTests
{
    private const string Person = "amina@privacy.test";

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Pv01_Status_lists_hold_131072_entries_indexes_are_random_and_the_list_says_nothing_about_holders(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        foreach (var (program, contact) in new[] { ("Warehouse Basics", Person), ("Food Handler", "dawit@privacy.test"), ("Forklift", "+15205550177") })
        {
            await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", program, contact);
        }

        var issued = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Credentials.AsNoTracking().OrderBy(c => c.IssuedAt).ToListAsync());
        var indexes = issued.Select(c => c.StatusListIndex).ToList();
        Assert.Equal(3, indexes.Distinct().Count());
        Assert.False(indexes.SequenceEqual([0, 1, 2]), "indexes follow issue order");
        Assert.False(indexes[1] - indexes[0] == 1 && indexes[2] - indexes[1] == 1, "indexes are consecutive");

        // Anyone fetches the list without signing in; it carries one bit per entry and no holder.
        var anonymous = app.CreateDefaultClient(new Uri("https://localhost"));
        var json = await anonymous.GetStringAsync("/orgs/acme/status/revocation/1");
        var bits = BitstringStatusList.Decode((string?)JsonNode.Parse(json)!["credentialSubject"]!["encodedList"]).Value;
        Assert.True(bits.Length * 8 >= 131_072, $"{bits.Length * 8} entries");
        foreach (var credential in issued)
        {
            Assert.DoesNotContain(credential.HolderDid!, json, StringComparison.Ordinal);
            Assert.DoesNotContain(credential.JobseekerId.ToString(), json, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain("privacy.test", json, StringComparison.Ordinal);
        Assert.DoesNotContain("5550177", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pv03_The_share_page_warns_that_the_issuers_name_can_reveal_status_and_names_each_issuer()
    {
        using var app = new OpenLerFactory();
        await app.CreateOrganizationAsync("irc", "admin@irc.test");
        await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<AppDbContext>();
            (await db.Organizations.FirstAsync()).Name = "International Rescue Committee";
            return await db.SaveChangesAsync();
        });
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@irc.test", "Warehouse Basics", Person);
        var holder = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, holder, Person);

        foreach (var (language, phrase) in new[] { ("en", "refugees and immigrants"), ("es", "refugiados e inmigrantes"), ("ar", "اللاجئين والمهاجرين") })
        {
            // The person picks the language with the page's own switch (its cookie wins over the browser's language).
            var page = await holder.ChooseLanguageAsync(await holder.GetAsync("/sharing"), language);
            Assert.Equal("/sharing", holder.Last!.RequestMessage!.RequestUri!.AbsolutePath);
            var notice = page.QuerySelector("#issuer-warning");
            Assert.NotNull(notice);
            Assert.Contains(phrase, notice!.TextContent, StringComparison.Ordinal);

            // The notice comes before the choice, and each credential names the organization that issued it.
            var form = page.QuerySelector("#choose-form")!;
            Assert.True(notice.CompareDocumentPosition(form).HasFlag(AngleSharp.Dom.DocumentPositions.Following));
            Assert.Contains("International Rescue Committee", form.QuerySelector("label[for^='c-']")!.TextContent, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Pv04_Two_shares_have_unrelated_tokens_and_two_credentials_unrelated_subjects(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Warehouse Basics", Person);
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Food Handler", Person);
        var holder = new WebSession(app.Client());
        await Journey.SignInJobseekerAsync(app, holder, Person);
        var first = await Journey.ShareAsync(holder);
        var second = await Journey.ShareAsync(holder);
        Assert.NotEqual(first, second);

        var pages = new List<string>();
        foreach (var link in new[] { first, second })
        {
            var employer = new WebSession(app.Client());
            await employer.GetAsync(link);
            pages.Add(await employer.Last!.Content.ReadAsStringAsync());
        }

        // Neither page carries the other's token, the person's account id or contact.
        var jobseeker = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Jobseekers.Select(j => j.Id).FirstAsync());
        Assert.DoesNotContain(second[(second.LastIndexOf('/') + 1)..], pages[0], StringComparison.Ordinal);
        foreach (var page in pages)
        {
            Assert.DoesNotContain(jobseeker.ToString(), page, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Person, page, StringComparison.OrdinalIgnoreCase);
        }

        // The credentials' subjects are per credential (holder binding only): nothing links the two.
        var subjects = await app.WithScopeAsync(s => s.GetRequiredService<AppDbContext>().Credentials.Select(c => c.HolderDid).ToListAsync());
        Assert.Equal(2, subjects.Distinct().Count());
    }

    [Fact]
    public async Task Cp21_After_a_signing_key_rotation_old_credentials_still_verify_and_new_ones_use_the_published_new_key()
    {
        using var app = new OpenLerFactory(settings: new Dictionary<string, string?> { ["OpenLer:PublicHost"] = "ler.example.org" });
        await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var admin = new WebSession(app.Client());
        await Journey.IssueAsync(app, admin, "admin@acme.test", "Warehouse Basics", Person);
        var before = JsonNode.Parse(await app.Client().GetStringAsync("/orgs/acme/did.json"))!;
        Assert.Single(before["verificationMethod"]!.AsArray());

        await admin.SubmitAsync(await admin.GetAsync("/organization"), "form[action*=Rotate]", new Dictionary<string, string>());
        await Journey.IssueAsync(app, new WebSession(app.Client()), "admin@acme.test", "Food Handler", "dawit@privacy.test");

        // The did:web document lists both keys as assertion methods; the new credential names the new key.
        var after = JsonNode.Parse(await app.Client().GetStringAsync("/orgs/acme/did.json"))!;
        var methods = after["assertionMethod"]!.AsArray().Select(m => (string?)m).ToList();
        Assert.Equal(2, methods.Count);
        var credentials = await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<AppDbContext>();
            var records = s.GetRequiredService<OpenLer.Server.Features.Issuance.CaseRecords>();
            return (await db.Credentials.AsNoTracking().OrderBy(c => c.IssuedAt).ToListAsync()).Select(records.CredentialJson).ToList();
        });
        var oldMethod = (string?)JsonNode.Parse(credentials[0])!["proof"]!["verificationMethod"];
        var newMethod = (string?)JsonNode.Parse(credentials[1])!["proof"]!["verificationMethod"];
        Assert.NotEqual(oldMethod, newMethod);
        Assert.Contains(oldMethod, methods);
        Assert.Contains(newMethod, methods);
        foreach (var json in credentials)
        {
            var result = JsonNode.Parse(await (await app.Client().PostAsync("/api/verify", new StringContent(json))).Content.ReadAsStringAsync())!;
            Assert.True((bool)result["verified"]!, result.ToJsonString());
        }
    }
}
