using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenLer.Server.Features.Wallets;

/// <summary>
/// A c_nonce the issuer handed out (OpenID4VCI 1.0 §7 nonce endpoint, or a draft 13 token / credential response): a key proof
/// must carry one that is known, unused and unexpired; it is consumed with the credential it bought.
/// </summary>
public sealed class IssuerNonce
{
    public Guid Id { get; set; }

    public string Value { get; set; } = "";

    public DateTime ExpiresAt { get; set; }

    public DateTime? UsedAt { get; set; }
}

internal sealed class IssuerNonceConfiguration : IEntityTypeConfiguration<IssuerNonce>
{
    public void Configure(EntityTypeBuilder<IssuerNonce> builder)
    {
        builder.ToTable("IssuerNonces");
        builder.HasIndex(n => n.Value).IsUnique();
        builder.HasIndex(n => n.ExpiresAt);
        builder.Property(n => n.Value).HasMaxLength(64);
    }
}
