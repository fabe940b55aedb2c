using System.Globalization;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Reports;

/// <summary>How the page and the CSV write a count and a median (the same text in both).</summary>
public static class ReportText
{
    public static string FewerThanFive => L.Key("fewer than 5");

    public static string Hidden => L.Key("hidden");

    /// <summary>A count as published, through <paramref name="translate"/> for the two words.</summary>
    public static string Count(ReportCell cell, Func<string, string> translate)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(translate);
        return cell.State switch
        {
            CellState.Shown => (cell.Value ?? 0).ToString(CultureInfo.InvariantCulture),
            CellState.FewerThanFive => translate(FewerThanFive),
            _ => translate(Hidden),
        };
    }

    /// <summary>A median in days with one decimal, or empty when none is published.</summary>
    public static string Days(double? seconds) =>
        seconds is { } s ? (s / 86400).ToString("0.0", CultureInfo.InvariantCulture) : "";

    /// <summary>A group's label: ours go through the localizer, the organization's own names do not.</summary>
    public static string Label(ReportRow row, Func<string, string> translate)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(translate);
        return row.Key == PilotReports.TotalKey || row.Key == "site:" ? translate(row.Label) : row.Label;
    }
}
