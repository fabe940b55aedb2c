using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenLer.Server.Features.MachineApi;

/// <summary>An access token from the client-credentials grant (RFC 6749 §4.4): short-lived, its SHA-256 hash stored.</summary>
public sealed class ApiAccessToken
{
    public Guid Id { get; set; }

    public Guid ApiKeyId { get; set; }

    public string TokenHash { get; set; } = "";

    public DateTime ExpiresAt { get; set; }
}

internal sealed class ApiAccessTokenConfiguration : IEntityTypeConfiguration<ApiAccessToken>
{
    public void Configure(EntityTypeBuilder<ApiAccessToken> builder)
    {
        builder.ToTable("ApiAccessTokens");
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.Property(t => t.TokenHash).HasMaxLength(64);
    }
}
