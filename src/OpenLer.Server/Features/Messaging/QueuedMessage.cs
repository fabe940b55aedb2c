using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenLer.Server.Features.Messaging;

/// <summary>
/// A message waiting to be delivered. Contact, language and values are in <see cref="Payload"/>, encrypted with Data
/// Protection (<see cref="MessageProtection"/>); the row is deleted once delivered, failed or expired.
/// </summary>
public sealed class QueuedMessage
{
    public Guid Id { get; set; }
    public MessageKind Kind { get; set; }
    public MessageChannel Channel { get; set; }

    /// <summary>The protected <see cref="MessagePayload"/> (never readable without the key ring).</summary>
    public string Payload { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    /// <summary>Never delivered at or after this time.</summary>
    public DateTime ExpiresAt { get; set; }

    /// <summary>Not tried before this time (backoff after a transient failure).</summary>
    public DateTime NextAttemptAt { get; set; }
    public int Attempts { get; set; }

    /// <summary>The stable error code of the last failed attempt, if any.</summary>
    public string? LastError { get; set; }

    /// <summary>The dispatcher that holds the message (a random token per claim), until <see cref="ClaimedUntil"/>.</summary>
    public Guid? ClaimToken { get; set; }
    public DateTime? ClaimedUntil { get; set; }
}

internal sealed class QueuedMessageConfiguration : IEntityTypeConfiguration<QueuedMessage>
{
    public void Configure(EntityTypeBuilder<QueuedMessage> builder)
    {
        builder.ToTable("MessageQueue");
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(64);
        builder.Property(m => m.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.LastError).HasMaxLength(64);
        builder.HasIndex(m => m.NextAttemptAt);
        builder.HasIndex(m => m.ExpiresAt);
        builder.HasIndex(m => m.ClaimToken);
    }
}
