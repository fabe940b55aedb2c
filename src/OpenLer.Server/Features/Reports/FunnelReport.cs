namespace OpenLer.Server.Features.Reports;

/// <summary>
/// A published report: the organization's total and one row per group of <see cref="Dimension"/>, as of
/// <see cref="AsOf"/> (UTC); <see cref="Updating"/> when newer figures are being built.
/// </summary>
public sealed record FunnelReport(ReportDimension Dimension, ReportRow Total, IReadOnlyList<ReportRow> Rows, DateTime AsOf, bool Updating);
