using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenLer.Server.Features.Practice;
using OpenLer.Server.Features.Reports;
using OpenLer.Server.Tests.Reports;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Practice;

/// <summary>
/// Practice never counts in the pilot report (issue 15): the hand-worked <see cref="PilotScenario"/> is seeded in the real
/// organization and once more in its practice space (mirrored sites); the real report (SQL aggregate, page, CSV) still
/// equals the scenario's numbers exactly, not twice them. Then an admin in practice sees the practice space's own report.
/// </summary>
public sealed class PracticeReportTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task Report_NeverCountsPracticeData(Db db)
    {
        OpenLerFactory.SkipUnlessAvailable(db);
        using var app = new OpenLerFactory(db);
        var org = await app.CreateOrganizationAsync("pilot", "admin@pilot.test", "Test-password-1", "North", "South", "East");
        await PilotScenario.SeedAsync(app, org);
        var practice = await app.WithScopeAsync(s => s.GetRequiredService<PracticeSpaces>().EnsureAsync(org.Id));
        await PilotScenario.SeedAsync(app, practice);

        var (cube, _) = await app.WithScopeAsync(s => s.GetRequiredService<PilotReports>().QueryAsync(org.Id, ReportDimension.Site, default));
        Assert.Equal(PilotReportTests.TotalTruth, PilotReports.Tables(cube).Rows[PilotReports.TotalKey]);
        var (practiceCube, _) = await app.WithScopeAsync(s => s.GetRequiredService<PilotReports>().QueryAsync(practice.Id, ReportDimension.Site, default));
        Assert.Equal(PilotReportTests.TotalTruth, PilotReports.Tables(practiceCube).Rows[PilotReports.TotalKey]);

        var admin = new WebSession(app.Client());
        await Journey.SignInStaffAsync(app, admin, "admin@pilot.test");
        var total = await CsvTotalAsync(admin);
        // Every published count of the total equals the scenario's (practice counted would double it); suppressed cells aside.
        var published = total.Skip(1).Take(9).Select((cell, step) => (cell, step)).Where(c => long.TryParse(c.cell, out _)).ToList();
        Assert.True(published.Count >= 3, string.Join(",", total));
        Assert.All(published, c => Assert.Equal(PilotReportTests.TotalTruth[c.step], long.Parse(c.cell, System.Globalization.CultureInfo.InvariantCulture)));

        // In practice the report page is the practice space's own, under the band; back in real work, the real one again.
        var start = await admin.GetAsync("/practice");
        await admin.SubmitAsync(start, "form[action*='handler=Start']", new Dictionary<string, string>());
        var page = await admin.GetAsync("/organization/report?by=site");
        Assert.NotNull(page.QuerySelector("#practice-band"));
        Assert.Equal(total, await CsvTotalAsync(admin));
    }

    private static async Task<string[]> CsvTotalAsync(WebSession admin)
    {
        using var response = await admin.Client.GetAsync(new Uri("/organization/report?handler=Csv&by=site", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        return lines[^1].Split(',');
    }
}
