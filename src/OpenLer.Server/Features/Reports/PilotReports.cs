using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Reports;

/// <summary>
/// The pilot report of one organization: counts and medians from its snapshot (<see cref="ReportSnapshots"/>), then
/// every table the report can show suppressed together (<see cref="SmallGroupSuppression"/>), so the same group has the
/// same published numbers on the page, in the CSV and through the funder endpoint. No names or contacts are read.
/// </summary>
public sealed class PilotReports(AppDbContext db, ReportSnapshots snapshots)
{
    public const string TotalKey = "total";

    /// <summary>The published report; null while the first snapshot of a large organization is being built (come back in a minute).</summary>
    public async Task<FunnelReport?> BuildAsync(Guid organizationId, ReportDimension dimension, CancellationToken cancellationToken = default)
    {
        var (aggregates, asOf, updating) = await snapshots.GetAsync(organizationId, cancellationToken);
        if (aggregates is null)
        {
            return null;
        }

        var (cube, medians) = (aggregates.Cube, Medians(aggregates, dimension));
        var (rows, sums) = Tables(cube);
        var states = SmallGroupSuppression.Apply(rows, sums);
        var sites = await db.Sites.AsNoTracking().Where(s => s.OrganizationId == organizationId).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var programs = await db.Programs.AsNoTracking().Where(p => p.OrganizationId == organizationId).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var medianOf = medians.ToDictionary(m => (Key: m.Key == "*" ? TotalKey : Prefix(dimension) + m.Key, m.Step), m => m.Seconds);

        ReportRow Row(string key, string label)
        {
            var counts = rows[key].Select((v, k) => ReportCell.Publish(v, states[key][k])).ToList();
            var times = Enumerable.Range(1, FunnelSteps.Count).Select(step =>
                step == 1 || counts[step - 1].State != CellState.Shown || counts[step - 1].Value is null or 0
                    ? null
                    : medianOf.TryGetValue((key, step), out var seconds) ? seconds : (double?)null).ToList();
            return new ReportRow(key, label, counts, times);
        }

        var prefix = Prefix(dimension);
        var groups = rows.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Select(k => Row(k, Label(dimension, k[prefix.Length..], sites, programs)))
            .OrderBy(r => r.Label, StringComparer.Ordinal).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
        return new FunnelReport(dimension, Row(TotalKey, L.Key("All enrollments")), groups, asOf, updating);
    }

    /// <summary>The unpublished aggregates (counts per site, program, language and month; medians per group): never shown as they are.</summary>
    internal async Task<(List<FunnelCubeRow> Cube, List<FunnelMedianRow> Medians)> QueryAsync(Guid organizationId, ReportDimension dimension, CancellationToken cancellationToken)
    {
        var (aggregates, _, _) = await snapshots.GetAsync(organizationId, cancellationToken);
        return aggregates is null ? ([], []) : (aggregates.Cube, Medians(aggregates, dimension));
    }

    private static List<FunnelMedianRow> Medians(FunnelAggregates aggregates, ReportDimension dimension) =>
        aggregates.Medians.TryGetValue(ReportDimensions.Id(dimension), out var medians) ? medians : [];

    internal static string Prefix(ReportDimension dimension) => ReportDimensions.Id(dimension) + ":";

    /// <summary>Every row the report can publish, and the sums that tie them together.</summary>
    internal static (Dictionary<string, long[]> Rows, List<(string Parent, string[] Children)> Sums) Tables(IEnumerable<FunnelCubeRow> cube)
    {
        var rows = new Dictionary<string, long[]>(StringComparer.Ordinal) { [TotalKey] = new long[FunnelSteps.Count] };
        var cohortsOfProgram = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var cohortsOfMonth = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var cell in cube)
        {
            var counts = cell.Counts();
            var cohort = "cohort:" + cell.Program + "|" + cell.Month;
            foreach (var key in new[] { TotalKey, "site:" + cell.Site, "program:" + cell.Program, "language:" + cell.Language, "month:" + cell.Month, cohort })
            {
                if (!rows.TryGetValue(key, out var sum))
                {
                    rows[key] = sum = new long[FunnelSteps.Count];
                }

                for (var k = 0; k < FunnelSteps.Count; k++)
                {
                    sum[k] += counts[k];
                }
            }

            Add(cohortsOfProgram, "program:" + cell.Program, cohort);
            Add(cohortsOfMonth, "month:" + cell.Month, cohort);
        }

        var sums = ReportDimensions.All
            .Select(d => (TotalKey, rows.Keys.Where(k => k.StartsWith(Prefix(d), StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray()))
            .Concat(cohortsOfProgram.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value.Order(StringComparer.Ordinal).ToArray())))
            .Concat(cohortsOfMonth.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value.Order(StringComparer.Ordinal).ToArray())))
            .Where(s => s.Item2.Length > 0)
            .ToList();
        return (rows, sums);
    }

    private static void Add(Dictionary<string, HashSet<string>> map, string key, string value)
    {
        if (!map.TryGetValue(key, out var set))
        {
            map[key] = set = new HashSet<string>(StringComparer.Ordinal);
        }

        set.Add(value);
    }

    private static string Label(ReportDimension dimension, string value, Dictionary<Guid, string> sites, Dictionary<Guid, string> programs)
    {
        string Program(string id) => Guid.TryParse(id, out var g) && programs.TryGetValue(g, out var name) ? name : id;
        return dimension switch
        {
            ReportDimension.Site => value.Length == 0 ? L.Key("No site") : Guid.TryParse(value, out var g) && sites.TryGetValue(g, out var name) ? name : value,
            ReportDimension.Program => Program(value),
            ReportDimension.Cohort => Program(value.Split('|')[0]) + " · " + value.Split('|')[^1],
            ReportDimension.Language => Languages.IsSupported(value) ? Languages.Find(value).NativeName : value,
            _ => value,
        };
    }
}
