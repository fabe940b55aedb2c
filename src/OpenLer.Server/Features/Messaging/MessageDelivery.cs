using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenLer.Server.Features.Messaging;

/// <summary>What stays of a message for operations: kind, channel, times, outcome and attempts; no contact, no body, no values.</summary>
public sealed class MessageDelivery
{
    /// <summary>The queued message's id.</summary>
    public Guid Id { get; set; }
    public MessageKind Kind { get; set; }
    public MessageChannel Channel { get; set; }
    public DateTime QueuedAt { get; set; }
    public DateTime FinishedAt { get; set; }
    public DeliveryOutcome Outcome { get; set; }
    public int Attempts { get; set; }

    /// <summary>A stable error code for the last failure (e.g. <c>smtp.550</c>, <c>sms.http-400</c>), never a server's text.</summary>
    public string? Error { get; set; }
}

internal sealed class MessageDeliveryConfiguration : IEntityTypeConfiguration<MessageDelivery>
{
    public void Configure(EntityTypeBuilder<MessageDelivery> builder)
    {
        builder.ToTable("MessageDeliveries");
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(64);
        builder.Property(d => d.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.Error).HasMaxLength(64);
        builder.HasIndex(d => d.FinishedAt);
    }
}
