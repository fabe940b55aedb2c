using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenLer.Server.Features.Account;

/// <summary>
/// A server-side session: the browser's cookie holds only a random 256-bit key; this row (keyed by the key's SHA-256)
/// holds the sign-in, encrypted. Signing out, disabling an account or changing a password deletes rows, so a copied
/// cookie stops working at once. Absolute lifetime and idle time-out are enforced here, not by the cookie.
/// </summary>
public sealed class UserSession
{
    /// <summary>SHA-256 (hex) of the session key in the cookie.</summary>
    public string Id { get; set; } = "";

    /// <summary><see cref="SessionKinds.Staff"/>, <see cref="SessionKinds.Jobseeker"/> or <see cref="SessionKinds.Employer"/>.</summary>
    public string Kind { get; set; } = SessionKinds.Staff;

    /// <summary>The staff user id, jobseeker id or employer user id.</summary>
    public string SubjectId { get; set; } = "";

    /// <summary>The authentication ticket, protected with Data Protection.</summary>
    public byte[] Ticket { get; set; } = [];

    public DateTime CreatedAt { get; set; }

    public DateTime LastSeenAt { get; set; }

    /// <summary>The absolute end of the session, whatever the activity.</summary>
    public DateTime ExpiresAt { get; set; }

    public int IdleMinutes { get; set; }

    /// <summary>A short description of the browser for the "my sessions" list (e.g. "Chrome on Android"), never the full header.</summary>
    public string Device { get; set; } = "";
}

/// <summary>Kinds of session (one authentication scheme each).</summary>
public static class SessionKinds
{
    public const string Staff = "staff";
    public const string Jobseeker = "jobseeker";
    public const string Employer = "employer";
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.ToTable("UserSessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(64);
        builder.Property(s => s.Kind).HasMaxLength(16);
        builder.Property(s => s.SubjectId).HasMaxLength(64);
        builder.Property(s => s.Device).HasMaxLength(64);
        builder.HasIndex(s => new { s.Kind, s.SubjectId });
        builder.HasIndex(s => s.ExpiresAt);
    }
}
