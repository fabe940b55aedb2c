using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Reports;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Reports;

/// <summary>
/// Pilot reporting on both databases against <see cref="PilotScenario"/>, whose numbers are worked out by hand: the SQL
/// aggregates equal them exactly (counts and medians); every published table suppresses every group of 1 to 4, no published
/// sum has a lone suppressed cell, and no two published rows that differ by fewer than 5 people are both shown; the page's
/// table, its CSV and the funder endpoint say the same; keys are required and revocable; another organization sees nothing.
/// </summary>
public sealed class PilotReportTests
{
    private const long Day = 86_400;
    private const long Hour = 3_600;

    private static readonly Dictionary<string, long[]> SiteTruth = new()
    {
        ["North"] = [10, 8, 7, 6, 5, 5, 3, 2, 1],
        ["South"] = [6, 6, 6, 5, 5, 5, 5, 5, 4],
        ["East"] = [1, 1, 1, 1, 1, 1, 1, 1, 1],
    };

    internal static readonly long[] TotalTruth = [17, 15, 14, 12, 11, 11, 9, 8, 6];

    /// <summary>Median seconds from the step before, for everyone (index = step, 1-based from enrolled).</summary>
    private static readonly Dictionary<int, double> TotalMedians = new()
    {
        [2] = 2 * Day, [3] = 1.5 * Hour, [4] = 4 * Hour, [5] = Day, [6] = 6 * Hour, [7] = Day, [8] = 2 * Day, [9] = 5 * Day,
    };

    private static readonly Dictionary<int, double> NorthMedians = new()
    {
        [2] = 4.5 * Day, [3] = Hour, [4] = 7 * Hour, [5] = Day, [6] = 3 * Hour, [7] = 2 * Day, [8] = 3 * Day, [9] = 7 * Day,
    };

    private static async Task<(OpenLerFactory App, Organization Org, Organization Other)> SeededAsync(Db db)
    {
        var app = new OpenLerFactory(db);
        var org = await app.CreateOrganizationAsync("pilot", "admin@pilot.test", "Test-password-1", "North", "South", "East");
        var other = await app.CreateOrganizationAsync("other", "admin@other.test");
        await PilotScenario.SeedAsync(app, org, other.Id);
        return (app, org, other);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Aggregates_SeededScenario_EqualHandWorkedCountsAndMedians(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        var (app, org, _) = await SeededAsync(db);
        using var _app = app;
        var (cube, medians) = await app.WithScopeAsync(s => s.GetRequiredService<PilotReports>().QueryAsync(org.Id, ReportDimension.Site, default));
        var (rows, _) = PilotReports.Tables(cube);
        var sites = await SiteKeysAsync(app, org.Id);

        Assert.Equal(TotalTruth, rows[PilotReports.TotalKey]);
        foreach (var (name, truth) in SiteTruth)
        {
            Assert.Equal(truth, rows["site:" + sites[name]]);
        }

        Assert.Equal([6, 6, 6, 6, 5, 5, 3, 2, 1], rows["language:en"]);
        Assert.Equal([4, 2, 1, 0, 0, 0, 0, 0, 0], rows["language:ar"]);
        Assert.Equal([7, 7, 7, 6, 6, 6, 6, 6, 5], rows["language:es"]);
        Assert.Equal(SiteTruth["North"], rows["month:2026-03"]);
        Assert.Equal(SiteTruth["South"], rows["month:2026-04"]);
        Assert.Equal(SiteTruth["East"], rows["month:2026-05"]);
        Assert.Equal(4, rows.Keys.Count(k => k.StartsWith("cohort:", StringComparison.Ordinal)) + 1);
        Assert.Equal([16, 14, 13, 11, 10, 10, 8, 7, 5], rows.Where(r => r.Key.StartsWith("program:", StringComparison.Ordinal)).Select(r => r.Value).Single(v => v[0] == 16));

        foreach (var (step, seconds) in TotalMedians)
        {
            Assert.Equal(seconds, medians.Single(m => m.Key == "*" && m.Step == step).Seconds);
        }

        foreach (var (step, seconds) in NorthMedians)
        {
            Assert.Equal(seconds, medians.Single(m => m.Key == sites["North"] && m.Step == step).Seconds);
        }

        // South: person 1 signed in five days before the issue (counted as 0), then shared 12 h after the issue.
        Assert.Equal(4 * Hour, medians.Single(m => m.Key == sites["South"] && m.Step == 4).Seconds);
        Assert.Equal(12 * Hour, medians.Single(m => m.Key == sites["South"] && m.Step == 5).Seconds);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Published_EveryDimension_SuppressesSmallGroupsAndNeverLetsThemBeSubtracted(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        var (app, org, _) = await SeededAsync(db);
        using var _app = app;
        var (truth, sums, published) = await app.WithScopeAsync(async s =>
        {
            var reports = s.GetRequiredService<PilotReports>();
            var (cube, _) = await reports.QueryAsync(org.Id, ReportDimension.Site, default);
            var (rows, relations) = PilotReports.Tables(cube);
            var all = new Dictionary<string, ReportRow>(StringComparer.Ordinal);
            foreach (var dimension in ReportDimensions.All)
            {
                var report = (await reports.BuildAsync(org.Id, dimension))!;
                foreach (var row in report.Rows.Append(report.Total))
                {
                    if (all.TryGetValue(row.Key, out var seen))
                    {
                        Assert.Equal(seen.Counts, row.Counts); // the total reads the same in every table
                    }

                    all[row.Key] = row;
                }
            }

            return (rows, relations, all);
        });

        Assert.Equal(truth.Keys.Order(StringComparer.Ordinal), published.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, row) in published)
        {
            for (var k = 0; k < FunnelSteps.Count; k++)
            {
                var value = truth[key][k];
                var cell = row.Counts[k];
                switch (cell.State)
                {
                    case CellState.Shown:
                        Assert.Equal(value, cell.Value);
                        Assert.True(value is 0 or >= 5, $"{key} step {k} shows {value}");
                        break;
                    case CellState.FewerThanFive:
                        Assert.InRange(value, 1, 4);
                        Assert.Null(cell.Value);
                        break;
                    default:
                        Assert.True(value >= 5, $"{key} step {k} hidden at {value}");
                        Assert.Null(cell.Value);
                        break;
                }

                if (cell.State != CellState.Shown || value == 0)
                {
                    Assert.Null(row.MedianSeconds[k]);
                }
            }
        }

        foreach (var (parent, children) in sums)
        {
            for (var k = 0; k < FunnelSteps.Count; k++)
            {
                var suppressed = children.Prepend(parent).Count(r => published[r].Counts[k].State != CellState.Shown);
                Assert.True(suppressed != 1, $"{parent} step {k}: a lone suppressed cell");

                // Two filters whose people differ by 1 to 4 are never both shown (e.g. all vs Welding: the one East person).
                foreach (var child in children)
                {
                    if (published[parent].Counts[k].Value is { } p && published[child].Counts[k].Value is { } c)
                    {
                        Assert.True(p - c is 0 or >= 5, $"{parent} - {child} at step {k} = {p - c}");
                    }
                }
            }
        }

        // The hand-worked consequence: 6 hired in all and 5 at Welding would give away the one Cooking hire.
        Assert.NotEqual(CellState.Shown, published[PilotReports.TotalKey].Counts[8].State);
        Assert.Equal(17, published[PilotReports.TotalKey].Counts[0].Value);
        Assert.Equal(TotalMedians[2], published[PilotReports.TotalKey].MedianSeconds[1]);
    }

    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task PageCsvAndFunderEndpoint_SayTheSame_KeysRequiredAndRevocable_OtherOrganizationSeesNothing(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        var (app, org, _) = await SeededAsync(db);
        using var _app = app;
        var admin = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, admin, "admin@pilot.test");
        var page = await admin.GetAsync("/organization/report?by=site");
        Assert.NotNull(page.QuerySelector("svg.funnel-chart"));
        Assert.Null(page.QuerySelector("script"));
        var table = page.QuerySelectorAll("#groups-table tbody tr").Select(tr => tr.Children.Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(4, table.Count);
        Assert.Equal(["East", .. Enumerable.Repeat("fewer than 5", 9)], table.Single(r => r[0] == "East"));

        using var csvResponse = await admin.Client.GetAsync(new Uri("/organization/report?handler=Csv&by=site", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType!.MediaType);
        var csv = (await csvResponse.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToList();
        Assert.Equal(1 + table.Count, csv.Count);
        for (var i = 0; i < table.Count; i++)
        {
            Assert.Equal(table[i], csv[i + 1].Take(10));
        }

        // The funnel table of the total (medians in days) equals the CSV's total line.
        var medians = page.QuerySelectorAll("#funnel-table td[data-median]").Skip(1).Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(medians, csv[^1].Skip(10));
        Assert.Equal("2.0", medians[0]);

        // No names or contacts: the seeded people have none, and the page shows only the organization's own labels.
        Assert.DoesNotContain("@", csvResponse.Content.Headers.ContentDisposition?.FileName ?? "", StringComparison.Ordinal);

        var api = app.Client();
        using (var none = await api.GetAsync(new Uri("/api/reports/funnel?by=site", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        }

        var created = await admin.SubmitAsync(page, "form[action*=CreateKey]", new Dictionary<string, string> { ["name"] = "Funder" });
        var secret = created.QuerySelector("#report-key-secret")!.TextContent.Trim();
        Assert.StartsWith(ReportKeys.Prefix, secret, StringComparison.Ordinal);
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using (var ok = await api.GetAsync(new Uri("/api/reports/funnel?by=site", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            var json = JsonNode.Parse(await ok.Content.ReadAsStringAsync())!;
            Assert.Equal(17, json["total"]!["steps"]!["enrolled"]!["count"]!.GetValue<long>());
            var east = json["groups"]!.AsArray().Single(g => g!["label"]!.GetValue<string>() == "East")!;
            Assert.Null(east["steps"]!["hired"]!["count"]);
            Assert.Equal("fewer-than-5", east["steps"]!["hired"]!["suppressed"]!.GetValue<string>());
            var north = json["groups"]!.AsArray().Single(g => g!["label"]!.GetValue<string>() == "North")!;
            Assert.Equal(table.Single(r => r[0] == "North")[1], north["steps"]!["enrolled"]!["count"]?.ToString() ?? "x");
        }

        using (var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/reports/funnel?by=nothing"))
        {
            using var bad = await api.SendAsync(wrong);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        var withKeys = await admin.GetAsync("/organization/report");
        await admin.SubmitAsync(withKeys, "form[action*=RevokeKey]", new Dictionary<string, string>());
        using (var revoked = await api.GetAsync(new Uri("/api/reports/funnel?by=site", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        }

        // A forged secret of a real key id is refused too.
        var forged = app.Client();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret[..secret.IndexOf('.', StringComparison.Ordinal)] + ".AAAA");
        using (var refused = await forged.GetAsync(new Uri("/api/reports/funnel", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        // Another organization's admin sees only their own (7 enrollments, no site of this one).
        var otherAdmin = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, otherAdmin, "admin@other.test");
        var theirs = await otherAdmin.GetAsync("/organization/report?by=site");
        var text = theirs.QuerySelector("main")!.TextContent;
        Assert.DoesNotContain("North", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Welding", (await otherAdmin.GetAsync("/organization/report?by=program")).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("7", theirs.QuerySelectorAll("#funnel-table td[data-step=enrolled]").Single().TextContent.Trim());
        await otherAdmin.GetAsync("/organization/report?by=site&group=site:" + (await SiteKeysAsync(app, org.Id))["North"], HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Demo_SeedsCohortsOverMonthsWithOutcomes()
    {
        using var app = new OpenLerFactory(settings: new Dictionary<string, string?> { ["OpenLer:Demo"] = "true", ["OpenLer:AllowInsecureCookies"] = "true" });
        var (rows, report) = await app.WithScopeAsync(async s =>
        {
            var org = s.GetRequiredService<AppDbContext>().Organizations.Single(o => o.Slug == OpenLer.Server.Infrastructure.DemoData.OrganizationSlug);
            var reports = s.GetRequiredService<PilotReports>();
            var (cube, _) = await reports.QueryAsync(org.Id, ReportDimension.Month, default);
            return (PilotReports.Tables(cube).Rows, (await reports.BuildAsync(org.Id, ReportDimension.Month))!);
        });
        var total = rows[PilotReports.TotalKey];
        Assert.True(total[0] >= ReportsDemo.Cohorts * ReportsDemo.PeoplePerCohort, string.Join(",", total));
        Assert.True(total[8] >= 5, "hired: " + total[8]);
        Assert.True(rows.Keys.Count(k => k.StartsWith("month:", StringComparison.Ordinal)) >= ReportsDemo.Cohorts);
        Assert.Equal(total[0], report.Total.Counts[0].Value);
        for (var k = 1; k < FunnelSteps.Count; k++)
        {
            Assert.True(total[k] <= total[k - 1] && total[k] > 0, string.Join(",", total));
        }
    }

    [Fact]
    public void Suppression_OneSmallGroupBesideOneLarge_HidesTheLargeAndTheTotal()
    {
        var rows = new Dictionary<string, long[]> { ["total"] = [6], ["a"] = [5], ["b"] = [1] };
        var states = SmallGroupSuppression.Apply(rows, [("total", ["a", "b"])]);
        Assert.Equal(CellState.FewerThanFive, states["b"][0]);
        Assert.Equal(CellState.Hidden, states["a"][0]);
        Assert.Equal(CellState.Hidden, states["total"][0]); // 6 - (5 or more) would pin b at 1
    }

    [Fact]
    public void Suppression_RoomyTotals_KeepTheTotalShown()
    {
        var rows = new Dictionary<string, long[]> { ["total"] = [30], ["a"] = [20], ["b"] = [8], ["c"] = [2] };
        var states = SmallGroupSuppression.Apply(rows, [("total", ["a", "b", "c"])]);
        Assert.Equal([CellState.Shown], states["total"]);
        Assert.Equal([CellState.Shown], states["a"]);
        Assert.Equal([CellState.Hidden], states["b"]);
        Assert.Equal([CellState.FewerThanFive], states["c"]);
    }

    private static Task<Dictionary<string, string>> SiteKeysAsync(OpenLerFactory app, Guid organizationId) =>
        app.WithScopeAsync(s => Task.FromResult(s.GetRequiredService<AppDbContext>().Sites.Where(x => x.OrganizationId == organizationId)
            .ToDictionary(x => x.Name, x => x.Id.ToString("D").ToLowerInvariant())));
}
