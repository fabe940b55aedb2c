using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenLer.Server.Features.MachineApi;

/// <summary>
/// An API key an organization admin made for the organization's own systems (or a W3C test-suite harness): its public id
/// (<c>olk_…</c>, the OAuth client_id) and the SHA-256 hash of its 256-bit secret (shown once). Revoked keys stay listed.
/// </summary>
public sealed class ApiKey
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    /// <summary>What the admin called it (e.g. "Applicant tracking system").</summary>
    public string Name { get; set; } = "";

    public string SecretHash { get; set; } = "";

    public string? CreatedByStaffId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public DateTime? LastUsedAt { get; set; }

    /// <summary>The public identifier: <c>olk_</c> and the id (the OAuth client_id).</summary>
    public string ClientId => ApiKeys.Prefix + Id.ToString("N");
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("ApiKeys");
        builder.HasIndex(k => k.OrganizationId);
        builder.Property(k => k.Name).HasMaxLength(100);
        builder.Property(k => k.SecretHash).HasMaxLength(64);
        builder.Property(k => k.CreatedByStaffId).HasMaxLength(64);
        builder.Ignore(k => k.ClientId);
    }
}
