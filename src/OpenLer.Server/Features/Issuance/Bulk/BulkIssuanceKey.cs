using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenLer.Server.Features.Issuance.Bulk;

/// <summary>
/// A completion the organization issued in bulk, by its idempotency key (a keyed hash: nothing readable). The unique index
/// is what makes issuing the same completion twice impossible, also for two uploads running at once on two instances: the
/// key is written in the same transaction as the credential.
/// </summary>
public sealed class BulkIssuanceKey
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public string Key { get; set; } = "";

    public Guid CredentialId { get; set; }

    public DateTime IssuedAt { get; set; }
}

internal sealed class BulkIssuanceKeyConfiguration : IEntityTypeConfiguration<BulkIssuanceKey>
{
    public void Configure(EntityTypeBuilder<BulkIssuanceKey> builder)
    {
        builder.ToTable("BulkIssuanceKeys");
        builder.Property(k => k.Key).HasMaxLength(64);
        builder.HasIndex(k => new { k.OrganizationId, k.Key }).IsUnique();
    }
}
