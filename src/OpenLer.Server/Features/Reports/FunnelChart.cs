using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace OpenLer.Server.Features.Reports;

/// <summary>
/// A horizontal bar chart of one funnel, drawn as SVG on the server (no script): one bar per step, as long as the step's
/// share of the enrolled count; a suppressed step is drawn as an outlined bar with its words, never a length.
/// </summary>
public static class FunnelChart
{
    private const int BarHeight = 22;
    private const int Gap = 10;

    public static string Svg(ReportRow row, Func<string, string> translate, string titleId)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(translate);
        var enrolled = row.Counts[0].Value is { } e and > 0 ? e : (long?)null;
        var height = (FunnelSteps.Count * (BarHeight + Gap)) + Gap;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"funnel-chart\" viewBox=\"0 0 100 {height}\" preserveAspectRatio=\"none\" role=\"img\" aria-labelledby=\"{titleId}\" width=\"100%\" height=\"{height}\">");
        for (var k = 0; k < FunnelSteps.Count; k++)
        {
            var y = Gap + (k * (BarHeight + Gap));
            var cell = row.Counts[k];
            var text = translate(FunnelSteps.Labels[k]) + ": " + ReportText.Count(cell, translate);
            if (cell.State == CellState.Shown && enrolled is { } all)
            {
                var width = Math.Max(0.5, 100.0 * (cell.Value ?? 0) / all);
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"{y}\" width=\"{width:0.##}\" height=\"{BarHeight}\" fill=\"#1d5b8f\"><title>{HtmlEncoder.Default.Encode(text)}</title></rect>");
            }
            else
            {
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"0.5\" y=\"{y}\" width=\"99\" height=\"{BarHeight}\" fill=\"none\" stroke=\"#6b6b6b\" stroke-dasharray=\"2 2\" vector-effect=\"non-scaling-stroke\"><title>{HtmlEncoder.Default.Encode(text)}</title></rect>");
            }
        }

        return svg.Append("</svg>").ToString();
    }
}
