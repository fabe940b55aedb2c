using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenLer.Server.Features.Messaging;

/// <summary>Demo mode only: a delivered message kept (encrypted) until it expires, so the demo can show it on screen.</summary>
public sealed class DemoOutboxEntry
{
    public Guid Id { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }

    /// <summary>The protected <see cref="DemoMessage"/> with its contact.</summary>
    public string Payload { get; set; } = "";
}

internal sealed class DemoOutboxEntryConfiguration : IEntityTypeConfiguration<DemoOutboxEntry>
{
    public void Configure(EntityTypeBuilder<DemoOutboxEntry> builder)
    {
        builder.ToTable("DemoOutbox");
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.HasIndex(e => e.ExpiresAt);
        builder.HasIndex(e => e.CreatedAt);
    }
}
