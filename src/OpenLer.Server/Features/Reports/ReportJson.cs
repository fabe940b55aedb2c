using System.Text.Json.Nodes;

namespace OpenLer.Server.Features.Reports;

/// <summary>The report for a funder's system: published counts (null with a reason when suppressed) and medians in seconds.</summary>
public static class ReportJson
{
    public static JsonObject ToJson(FunnelReport report, DateTime generatedAt)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = new JsonArray();
        foreach (var row in report.Rows)
        {
            rows.Add(Row(row));
        }

        return new JsonObject
        {
            ["dimension"] = ReportDimensions.Id(report.Dimension),
            ["generatedAt"] = generatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["asOf"] = report.AsOf.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["steps"] = new JsonArray(FunnelSteps.Ids.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray()),
            ["suppression"] = "Counts of 1 to 4 are \"fewer-than-5\"; counts hidden so that none can be worked out by subtraction are \"hidden\".",
            ["total"] = Row(report.Total),
            ["groups"] = rows,
        };
    }

    private const string FewerThanFive = "fewer-than-5";
    private const string Hidden = "hidden";

    private static JsonObject Row(ReportRow row)
    {
        var steps = new JsonObject();
        for (var k = 0; k < FunnelSteps.Count; k++)
        {
            var cell = row.Counts[k];
            steps[FunnelSteps.Ids[k]] = new JsonObject
            {
                ["count"] = cell.Value is { } v ? JsonValue.Create(v) : null,
                ["suppressed"] = cell.State == CellState.Shown ? null : cell.State == CellState.FewerThanFive ? FewerThanFive : Hidden,
                ["medianSecondsFromPreviousStep"] = row.MedianSeconds[k] is { } s ? JsonValue.Create(s) : null,
            };
        }

        return new JsonObject { ["key"] = row.Key, ["label"] = row.Label, ["steps"] = steps };
    }
}
