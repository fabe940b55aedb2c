using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenLer.Server.Features.StatusLists;

/// <summary>
/// One index of an organization's Token Status List, allocated to one SD-JWT VC (at random, so the list does not reveal
/// the order of issuance: SECURITY.md PV-01). Nothing about the person: the credential id only.
/// </summary>
public sealed class TokenStatusEntry
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    /// <summary>The list, numbered like the organization's signing keys (each list is signed by the key whose credentials it holds).</summary>
    public int ListNumber { get; set; }

    public int Index { get; set; }

    public Guid CredentialId { get; set; }

    public DateTime AllocatedAt { get; set; }

    public DateTime? RevokedAt { get; set; }
}

internal sealed class TokenStatusEntryConfiguration : IEntityTypeConfiguration<TokenStatusEntry>
{
    public void Configure(EntityTypeBuilder<TokenStatusEntry> builder)
    {
        builder.ToTable("TokenStatusEntries");
        builder.HasIndex(e => new { e.OrganizationId, e.ListNumber, e.Index }).IsUnique();
        builder.HasIndex(e => e.CredentialId).IsUnique();
    }
}
