using System.Text;
using OpenLer.Credentials.Matching;

namespace OpenLer.Server.Features.Reports;

/// <summary>
/// The report as CSV (RFC 4180, UTF-8): one line per group and the total, the published counts of each step and the
/// median days from the step before; every field through the formula-neutralizing writer (a group named "=..." stays text).
/// </summary>
public static class ReportCsv
{
    public static string ToText(FunnelReport report, Func<string, string> translate)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(translate);
        var builder = new StringBuilder();
        var header = new List<string> { translate(ReportDimensions.Label(report.Dimension)) };
        header.AddRange(FunnelSteps.Labels.Select(translate));
        header.AddRange(FunnelSteps.Labels.Skip(1).Select(l => translate(l) + " · " + translate(MedianDaysHeader)));
        Line(builder, header);
        foreach (var row in report.Rows.Append(report.Total))
        {
            var fields = new List<string> { ReportText.Label(row, translate) };
            fields.AddRange(row.Counts.Select(c => ReportText.Count(c, translate)));
            fields.AddRange(row.MedianSeconds.Skip(1).Select(ReportText.Days));
            Line(builder, fields);
        }

        return builder.ToString();
    }

    public static string MedianDaysHeader => Infrastructure.Localization.L.Key("median days from the step before");

    private static void Line(StringBuilder builder, IEnumerable<string> fields)
    {
        builder.AppendJoin(',', fields.Select(ApplicantsCsv.Field));
        builder.Append("\r\n");
    }
}
