using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenLer.Server.Features.Wallets;

/// <summary>
/// An OpenID4VCI access token (RFC 6749 §5.1) issued for a pre-authorized code: a Bearer token for the credential endpoint of
/// one offer, short-lived, used once (the offer delivers one credential). Only its SHA-256 hash is stored.
/// </summary>
public sealed class IssuerAccessToken
{
    public Guid Id { get; set; }

    public Guid OfferId { get; set; }

    public string TokenHash { get; set; } = "";

    public DateTime ExpiresAt { get; set; }

    public DateTime? UsedAt { get; set; }
}

internal sealed class IssuerAccessTokenConfiguration : IEntityTypeConfiguration<IssuerAccessToken>
{
    public void Configure(EntityTypeBuilder<IssuerAccessToken> builder)
    {
        builder.ToTable("IssuerAccessTokens");
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.OfferId);
        builder.Property(t => t.TokenHash).HasMaxLength(64);
    }
}
