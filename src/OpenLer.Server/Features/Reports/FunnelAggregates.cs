using System.Globalization;

namespace OpenLer.Server.Features.Reports;

/// <summary>One enrollment as the funnel sees it: its groups and when it reached each step (null: not reached).</summary>
public sealed class FunnelFactRow
{
    public string Site { get; set; } = "";
    public string Program { get; set; } = "";
    public string Language { get; set; } = "";
    public string Month { get; set; } = "";
    public DateTime? T1 { get; set; }
    public DateTime? T2 { get; set; }
    public DateTime? T3 { get; set; }
    public DateTime? T4 { get; set; }
    public DateTime? T5 { get; set; }
    public DateTime? T6 { get; set; }
    public DateTime? T7 { get; set; }
    public DateTime? T8 { get; set; }
    public DateTime? T9 { get; set; }

    public DateTime?[] Times() => [T1, T2, T3, T4, T5, T6, T7, T8, T9];
}

/// <summary>
/// The unpublished aggregates of a funnel: counts per site, program, language and month (a step counts when it and every
/// step before it were reached), and exact medians of the whole seconds between consecutive steps (0 when the later one
/// came first, e.g. a sign-in before the issue; the mean of the middle two for an even count) per group of every
/// dimension and for everyone (key '*').
/// </summary>
public sealed class FunnelAggregates
{
    public List<FunnelCubeRow> Cube { get; set; } = [];

    /// <summary>Medians by dimension id (<see cref="ReportDimensions.Id"/>).</summary>
    public Dictionary<string, List<FunnelMedianRow>> Medians { get; set; } = [];

    public static FunnelAggregates From(IEnumerable<FunnelFactRow> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var cube = new Dictionary<(string, string, string, string), long[]>();
        var durations = ReportDimensions.All.ToDictionary(d => d, _ => new Dictionary<(string Key, int Step), List<long>>());
        var everyone = new Dictionary<(string Key, int Step), List<long>>();
        foreach (var fact in facts)
        {
            var site = fact.Site.ToLowerInvariant();
            var program = fact.Program.ToLowerInvariant();
            var cell = (site, program, fact.Language, fact.Month);
            if (!cube.TryGetValue(cell, out var counts))
            {
                cube[cell] = counts = new long[FunnelSteps.Count];
            }

            var times = fact.Times();
            string[] keys = [site, program, program + "|" + fact.Month, fact.Language, fact.Month];
            for (var k = 0; k < FunnelSteps.Count && times[k] is not null; k++)
            {
                counts[k]++;
                if (k == 0)
                {
                    continue;
                }

                var seconds = (long)Math.Max(0, Math.Round((times[k]!.Value - times[k - 1]!.Value).TotalSeconds, MidpointRounding.AwayFromZero));
                Add(everyone, ("*", k + 1), seconds);
                foreach (var dimension in ReportDimensions.All)
                {
                    Add(durations[dimension], (keys[(int)dimension], k + 1), seconds);
                }
            }
        }

        return new FunnelAggregates
        {
            Cube = cube.OrderBy(c => c.Key).Select(c => new FunnelCubeRow
            {
                Site = c.Key.Item1, Program = c.Key.Item2, Language = c.Key.Item3, Month = c.Key.Item4,
                S1 = c.Value[0], S2 = c.Value[1], S3 = c.Value[2], S4 = c.Value[3], S5 = c.Value[4], S6 = c.Value[5], S7 = c.Value[6], S8 = c.Value[7], S9 = c.Value[8],
            }).ToList(),
            Medians = durations.ToDictionary(d => ReportDimensions.Id(d.Key), d => MediansOf(everyone).Concat(MediansOf(d.Value)).ToList()),
        };
    }

    private static IEnumerable<FunnelMedianRow> MediansOf(Dictionary<(string Key, int Step), List<long>> groups) =>
        groups.OrderBy(g => g.Key.Key, StringComparer.Ordinal).ThenBy(g => g.Key.Step)
            .Select(g => new FunnelMedianRow { Key = g.Key.Key, Step = g.Key.Step, Seconds = Median(g.Value) });

    private static void Add(Dictionary<(string, int), List<long>> map, (string, int) key, long value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(value);
    }

    private static double Median(List<long> values)
    {
        values.Sort();
        var n = values.Count;
        return n % 2 == 1 ? values[n / 2] : (values[(n / 2) - 1] + values[n / 2]) / 2.0;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"FunnelAggregates {{ Cells = {Cube.Count} }}");
}
