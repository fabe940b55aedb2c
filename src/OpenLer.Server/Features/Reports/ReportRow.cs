namespace OpenLer.Server.Features.Reports;

/// <summary>
/// One group of a report (or the organization's total): the published count at each funnel step and the median time, in
/// seconds, from the step before to each step (index 0 is always null; a median is published only beside a shown count).
/// </summary>
public sealed record ReportRow(string Key, string Label, IReadOnlyList<ReportCell> Counts, IReadOnlyList<double?> MedianSeconds);
