namespace OpenLer.Server.Features.Reports;

/// <summary>How a count is published (docs/adr/pilot-reporting.md).</summary>
public enum CellState
{
    /// <summary>The exact count (0, or 5 and more).</summary>
    Shown,

    /// <summary>A count of 1 to 4: published as "fewer than 5".</summary>
    FewerThanFive,

    /// <summary>A count of 5 or more hidden so that a small count next to it cannot be worked out by subtraction.</summary>
    Hidden,
}
