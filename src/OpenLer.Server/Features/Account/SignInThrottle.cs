using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenLer.Server.Features.Account;

/// <summary>
/// Failed sign-ins counted per account and client address (and per account alone, with a much higher threshold), updated
/// atomically in the database. Locking an account for one address does not lock it for the person elsewhere, so an
/// attacker cannot turn guessing into a denial of service; the per-address rate limits slow the address first.
/// </summary>
public sealed class SignInThrottle
{
    /// <summary>SHA-256 (hex) of the account kind, account id and (for per-address rows) the address prefix.</summary>
    public string Id { get; set; } = "";

    public int Failures { get; set; }

    public DateTime WindowStart { get; set; }

    public DateTime? LockedUntil { get; set; }
}

internal sealed class SignInThrottleConfiguration : IEntityTypeConfiguration<SignInThrottle>
{
    public void Configure(EntityTypeBuilder<SignInThrottle> builder)
    {
        builder.ToTable("SignInThrottles");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasMaxLength(64);
        builder.HasIndex(t => t.WindowStart);
    }
}
