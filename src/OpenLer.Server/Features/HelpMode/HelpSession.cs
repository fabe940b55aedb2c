using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenLer.Server.Features.HelpMode;

/// <summary>
/// One "help a client on this device" session (issue 15): a caseworker hands their own device to a client, who signs in
/// there with their own code after a consent step. Ids only: no name, contact or code is stored here. The device holds a
/// random token whose SHA-256 is <see cref="TokenHash"/>.
/// </summary>
public sealed class HelpSession
{
    public Guid Id { get; set; }

    /// <summary>SHA-256 (hex) of the device's help-mode cookie.</summary>
    public string TokenHash { get; set; } = "";

    public Guid OrganizationId { get; set; }

    /// <summary>The staff member who started help mode.</summary>
    public string StaffUserId { get; set; } = "";

    /// <summary>The client record it was started from, or null (started from the staff menu).</summary>
    public Guid? ClientId { get; set; }

    /// <summary>The language the consent was shown in.</summary>
    public string Language { get; set; } = "en";

    /// <summary>The staff member's language on this device before help mode, restored at the finish.</summary>
    public string? StaffLanguage { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Help mode ends by itself at this time (the client's session ends with it).</summary>
    public DateTime ExpiresAt { get; set; }

    public DateTime? ConsentedAt { get; set; }

    /// <summary>The person who signed in during help mode, once they have.</summary>
    public Guid? JobseekerId { get; set; }

    /// <summary>The row id of that person's server-side session (ended at the finish).</summary>
    public string? JobseekerSessionId { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>Whether help mode is still on at <paramref name="now"/>.</summary>
    public bool IsActive(DateTime now) => FinishedAt is null && ExpiresAt > now;
}

/// <summary>Table <c>HelpSessions</c>; the token hash is unique.</summary>
public sealed class HelpSessionConfiguration : IEntityTypeConfiguration<HelpSession>
{
    public void Configure(EntityTypeBuilder<HelpSession> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("HelpSessions");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.TokenHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(h => h.TokenHash).IsUnique();
        builder.Property(h => h.StaffUserId).HasMaxLength(64).IsRequired();
        builder.Property(h => h.Language).HasMaxLength(16).IsRequired();
        builder.Property(h => h.StaffLanguage).HasMaxLength(16);
        builder.Property(h => h.JobseekerSessionId).HasMaxLength(64);
        builder.HasIndex(h => h.ExpiresAt);
    }
}
