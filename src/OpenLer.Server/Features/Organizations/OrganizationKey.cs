using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenLer.Server.Features.Organizations;

/// <summary>
/// An Ed25519 signing key of an organization. The newest key that is not retired signs new credentials; retired keys
/// stay published (did:web) or trusted (did:key), so credentials they signed keep verifying after a rotation.
/// </summary>
public sealed class OrganizationKey
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    /// <summary>The verification method fragment in the organization's did:web document: key-1, key-2, ...</summary>
    public string Fragment { get; set; } = "key-1";

    /// <summary>The public key (Multikey multibase).</summary>
    public string PublicKeyMultibase { get; set; } = "";

    /// <summary>The private key (multibase), encrypted with ASP.NET Core Data Protection.</summary>
    public string ProtectedPrivateKey { get; set; } = "";

    /// <summary>The revocation status list this key signs (each key its own list, so a did:key issuer keeps its lists).</summary>
    public int StatusListNumber { get; set; } = 1;

    public DateTime CreatedAt { get; set; }

    /// <summary>When a newer key took over signing (null: this is the active key).</summary>
    public DateTime? RetiredAt { get; set; }
}

internal sealed class OrganizationKeyConfiguration : IEntityTypeConfiguration<OrganizationKey>
{
    public void Configure(EntityTypeBuilder<OrganizationKey> builder)
    {
        builder.ToTable("OrganizationKeys");
        builder.HasIndex(k => new { k.OrganizationId, k.Fragment }).IsUnique();
        builder.Property(k => k.Fragment).HasMaxLength(16);
    }
}
