using OpenLer.Credentials.Keys;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Employers;

/// <summary>
/// Issue 12's rule through the server, on hand-made applicants who apply through the job's page: evidence 1 for a skill a
/// shared credential that verifies now aligns to, 0.5 when only self-reported, 0 otherwise; weights must-have 3, important 2,
/// nice-to-have 1; score round(100·Σw·e/Σw, 1); anyone missing a must-have after everyone who has them; ties by score, then
/// verified skills, then application time. A revoked, an expired and an untrusted issuer's credential count 0.
/// </summary>
public sealed class RankingTests
{
    private const string A = "2.A.1.a"; // Reading Comprehension: must-have (3)
    private const string B = "2.B.1.b"; // Coordination: important (2)
    private const string C = "2.A.1.d"; // Speaking: nice-to-have (1)
    private const string Other = "2.B.3.l"; // Repairing: not asked for

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Hand_made_applicants_are_scored_and_ordered_by_the_rule_and_explained(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var company = await EmployerHarness.EmployerAsync(app, org.Id, "Desert Logistics", "dana@desert.test");
        var vacancy = await EmployerHarness.VacancyAsync(app, company, "Warehouse Associate", false, (A, 3), (B, 2), (C, 1));

        // Each applicant: their credential's alignments and what they report themselves; applied in this order.
        (string Who, string[] Aligned, string[] Self)[] applicants =
        [
            ("p1", [A, B], []),            // 83.3
            ("p5", [A, B], []),            // 83.3, applied after p1
            ("p2", [A], [B, C]),           // (3 + 1 + 0.5) / 6 = 75.0
            ("y", [Other], [A, B, C]),     // 50.0 with nothing verified, applied before x
            ("x", [A], []),                // 50.0 with one verified skill
            ("p4", [Other], [A]),          // 25.0: the must-have is only self-reported, still met
            ("p3", [B, C], []),            // 50.0 but no must-have: after everyone who has it
            ("revoked", [A, B, C], []),    // 0
            ("expired", [A, B, C], []),    // 0
            ("untrusted", [A, B, C], []),  // 0
        ];
        var credentials = new Dictionary<string, Guid>();
        foreach (var (who, aligned, _) in applicants)
        {
            var issued = await EmployerHarness.IssueAsync(app, org.Id, who + "@rank.test", "Applicant " + who, "Program " + who, aligned);
            credentials[who] = issued.Credential;
        }

        // The expired one is valid 2020 to 2021 (signed by the organization, so only the dates fail); the untrusted one is
        // re-signed by a key this deployment does not know as an issuer.
        await EmployerHarness.ResignAsync(app, credentials["expired"], json =>
        {
            json["validFrom"] = "2020-01-01T00:00:00Z";
            json["validUntil"] = "2021-01-01T00:00:00Z";
        });
        using var stranger = KeyPair.Generate(KeyType.Ed25519);
        await EmployerHarness.ResignAsync(app, credentials["untrusted"], _ => { }, stranger);

        foreach (var (who, _, self) in applicants)
        {
            var holder = new WebSession(app.Client());
            await Journey.SignInJobseekerAsync(app, holder, who + "@rank.test");
            await EmployerHarness.ApplyAsync(holder, vacancy, self);
            Assert.Equal("/wallet/jobs", holder.Last!.RequestMessage!.RequestUri!.AbsolutePath);
        }

        // Revoked after applying: it counts for nothing from now on.
        Assert.True(await app.WithScopeAsync(s => s.GetRequiredService<CredentialIssuer>().RevokeAsync(org.Id, credentials["revoked"], "Issued by mistake")));

        var employer = new WebSession(app.Client());
        await EmployerHarness.SignInEmployerAsync(app, employer, "dana@desert.test");
        var ranked = await EmployerHarness.RankedAsync(employer, vacancy.Id);
        Assert.Equal(
            ["Applicant p1", "Applicant p5", "Applicant p2", "Applicant x", "Applicant y", "Applicant p4", "Applicant p3", "Applicant revoked", "Applicant expired", "Applicant untrusted"],
            ranked.Select(r => r.Name));
        Assert.Equal([83.3m, 83.3m, 75.0m, 50.0m, 50.0m, 25.0m, 50.0m, 0m, 0m, 0m], ranked.Select(r => r.Score));

        // Explained per skill: proven (with the credential and its issuer), self-reported, missing.
        var p2 = ranked[2];
        Assert.Equal("verified", p2.Evidence[A]);
        Assert.Equal("selfreported", p2.Evidence[B]);
        Assert.Equal("selfreported", p2.Evidence[C]);
        Assert.Contains("by Program p2, issued by Org acme", p2.Text, StringComparison.Ordinal);
        Assert.Equal("verified", ranked[3].Evidence[A]);
        Assert.Equal("missing", ranked[3].Evidence[B]);
        Assert.Equal("selfreported", ranked[4].Evidence[A]);
        Assert.Contains("Missing a must-have skill", ranked[6].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Missing a must-have skill", ranked[5].Text, StringComparison.Ordinal);
        foreach (var failed in ranked.Skip(7))
        {
            Assert.All(failed.Evidence.Values, e => Assert.Equal("missing", e));
        }

        // The page says what matching never uses.
        var page = await employer.GetAsync($"/employer/vacancies/{vacancy.Id}/applicants");
        Assert.Contains("Matching never uses names, contacts, nationality, languages of origin or any protected data", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Work_authorization_not_disclosed_counts_as_not_met_and_the_page_says_so(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        var org = await app.CreateOrganizationAsync("acme", "admin@acme.test");
        var company = await EmployerHarness.EmployerAsync(app, org.Id, "Desert Logistics", "dana@desert.test");
        var vacancy = await EmployerHarness.VacancyAsync(app, company, "Room Attendant", true, (A, 3), (B, 2));
        await EmployerHarness.IssueAsync(app, org.Id, "strong@auth.test", "Strong", "Program strong", A, B);
        await EmployerHarness.IssueAsync(app, org.Id, "weak@auth.test", "Weak", "Program weak", A);
        foreach (var who in new[] { "weak", "strong" })
        {
            var holder = new WebSession(app.Client());
            await Journey.SignInJobseekerAsync(app, holder, who + "@auth.test");
            var apply = await holder.GetAsync("/jobs/" + vacancy.PublicToken);
            Assert.Contains("Your wallet has no work-authorization credential yet", apply.QuerySelector("#no-work-authorization")!.TextContent, StringComparison.Ordinal);
            Assert.Null(apply.QuerySelector("input[name=workAuthorizationId]"));
            await EmployerHarness.ApplyAsync(holder, vacancy, []);
        }

        var employer = new WebSession(app.Client());
        await EmployerHarness.SignInEmployerAsync(app, employer, "dana@desert.test");
        var ranked = await EmployerHarness.RankedAsync(employer, vacancy.Id);
        Assert.Equal(["Strong", "Weak"], ranked.Select(r => r.Name));
        Assert.Equal([100.0m, 60.0m], ranked.Select(r => r.Score));
        Assert.All(ranked, r => Assert.Contains("Work authorization: not disclosed", r.Text, StringComparison.Ordinal));
    }
}
