using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenLer.Server.Data;

/// <summary>
/// Which indexes of one status list of an organization are handed out (W3C Bitstring Status List v1.0 §2.1, IETF Token
/// Status List §4): one row per (organization, purpose, list number), with the allocation map of the library's
/// <c>StatusListState</c> (MSB-first, 131,072 bits) and a version. Every allocation is a conditional update on the version,
/// so two app instances on one database never hand out the same index; a list whose map is full is closed and the next
/// allocation opens the organization's next list number, signed by the same key.
/// </summary>
public sealed class StatusListAllocation
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    /// <summary>"revocation" (Bitstring Status List) or "token" (Token Status List).</summary>
    public string Purpose { get; set; } = "revocation";

    /// <summary>The list's number in its address (<c>/orgs/{slug}/status/{purpose}/{number}</c>); unique per organization across purposes' keys.</summary>
    public int Number { get; set; }

    /// <summary>The organization key that signs this list and every credential on it.</summary>
    public Guid SigningKeyId { get; set; }

    /// <summary>The allocation map: bit i (MSB-first) set when index i was ever handed out. Never cleared.</summary>
    public byte[] Allocated { get; set; } = [];

    public int AllocatedCount { get; set; }

    /// <summary>Grows with each allocation; the condition of every update.</summary>
    public long Version { get; set; }

    public DateTime CreatedAt { get; set; }
}

internal sealed class StatusListAllocationConfiguration : IEntityTypeConfiguration<StatusListAllocation>
{
    public void Configure(EntityTypeBuilder<StatusListAllocation> builder)
    {
        builder.ToTable("StatusListAllocations");
        builder.HasIndex(a => new { a.OrganizationId, a.Purpose, a.Number }).IsUnique();
        builder.HasIndex(a => new { a.OrganizationId, a.SigningKeyId });
        builder.Property(a => a.Purpose).HasMaxLength(16);
    }
}
