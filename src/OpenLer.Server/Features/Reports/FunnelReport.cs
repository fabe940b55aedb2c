namespace OpenLer.Server.Features.Reports;

/// <summary>A published report: the organization's total and one row per group of <see cref="Dimension"/>.</summary>
public sealed record FunnelReport(ReportDimension Dimension, ReportRow Total, IReadOnlyList<ReportRow> Rows);
