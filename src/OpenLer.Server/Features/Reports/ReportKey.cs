using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenLer.Server.Features.Reports;

/// <summary>
/// A key an organization admin made for a funder to read the pilot report (read-only, nothing else): its public id
/// (<c>olr_…</c>) and the SHA-256 hash of its 256-bit secret (shown once), as VC-API keys are kept
/// (Features/MachineApi/ApiKey). A VC-API key cannot read reports and a report key cannot issue.
/// </summary>
public sealed class ReportKey
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    /// <summary>What the admin called it (e.g. the funder's name).</summary>
    public string Name { get; set; } = "";

    public string SecretHash { get; set; } = "";

    public string? CreatedByStaffId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public DateTime? LastUsedAt { get; set; }

    /// <summary>The public identifier: <c>olr_</c> and the id.</summary>
    public string ClientId => ReportKeys.Prefix + Id.ToString("N");
}

internal sealed class ReportKeyConfiguration : IEntityTypeConfiguration<ReportKey>
{
    public void Configure(EntityTypeBuilder<ReportKey> builder)
    {
        builder.ToTable("ReportKeys");
        builder.HasIndex(k => k.OrganizationId);
        builder.Property(k => k.Name).HasMaxLength(100);
        builder.Property(k => k.SecretHash).HasMaxLength(64);
        builder.Property(k => k.CreatedByStaffId).HasMaxLength(64);
        builder.Ignore(k => k.ClientId);
    }
}
