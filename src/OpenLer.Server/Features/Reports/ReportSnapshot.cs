using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenLer.Server.Features.Reports;

/// <summary>
/// The unpublished aggregates of one organization's pilot report (counts per site, program, language and month; medians
/// per group of every dimension), kept so the report page reads one row instead of rebuilding the funnel of every
/// enrollment (docs/adr/pilot-reporting.md). Counts and durations only: no names, contacts or protected data. Never shown
/// as it is: every page, CSV and funder answer is suppressed from it (<see cref="SmallGroupSuppression"/>).
/// </summary>
public sealed class ReportSnapshot
{
    public Guid OrganizationId { get; set; }

    /// <summary>What the source tables looked like when the snapshot was built (<see cref="ReportSnapshots"/>): a change means it is out of date.</summary>
    public string Fingerprint { get; set; } = "";

    public DateTime BuiltAt { get; set; }

    /// <summary>How long the build took: a quick one is redone while the reader waits, a slow one in the background.</summary>
    public int BuildMilliseconds { get; set; }

    /// <summary>The aggregates as JSON (<see cref="FunnelAggregates"/>).</summary>
    public string Data { get; set; } = "";
}

internal sealed class ReportSnapshotConfiguration : IEntityTypeConfiguration<ReportSnapshot>
{
    public void Configure(EntityTypeBuilder<ReportSnapshot> builder)
    {
        builder.ToTable("ReportSnapshots");
        builder.HasKey(s => s.OrganizationId);
        builder.Property(s => s.Fingerprint).HasMaxLength(400);
    }
}
