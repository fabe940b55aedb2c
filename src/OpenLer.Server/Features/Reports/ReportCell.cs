namespace OpenLer.Server.Features.Reports;

/// <summary>A published count: the value only when <see cref="State"/> is <see cref="CellState.Shown"/>.</summary>
public sealed record ReportCell(long? Value, CellState State)
{
    public static ReportCell Publish(long value, CellState state) => new(state == CellState.Shown ? value : null, state);
}
