namespace OpenLer.Server.Features.Reports;

/// <summary>One median of the report (<see cref="FunnelAggregates"/>): the median seconds from step <see cref="Step"/> - 1 to it, in a group.</summary>
public sealed class FunnelMedianRow
{
    public string Key { get; set; } = "";
    public int Step { get; set; }
    public double Seconds { get; set; }
}
