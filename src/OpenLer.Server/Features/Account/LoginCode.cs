using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenLer.Server.Features.Account;

/// <summary>
/// A one-time sign-in code of a jobseeker or an employer user (<see cref="OneTimeCodes"/>). Only a keyed hash is stored (HMAC with the people's index key, so a copy of the database
/// alone cannot test the million possible codes). A sent code is bound to the browser that asked for it (only a guess
/// from that browser counts against it); a printed letter code is longer and single use. Each code takes at most
/// <see cref="CodeSignIn.MaxAttempts"/> guesses, counted atomically in the database.
/// </summary>
public sealed class LoginCode
{
    public Guid Id { get; set; }

    /// <summary>Whose code: <see cref="SessionKinds.Jobseeker"/> or <see cref="SessionKinds.Employer"/>.</summary>
    public string AccountKind { get; set; } = SessionKinds.Jobseeker;

    /// <summary>The account (a jobseeker or an employer user); null for the stand-in row written when the contact has no account (same work, same answer).</summary>
    public Guid? AccountId { get; set; }

    /// <summary><see cref="LoginCodeKinds.Sent"/> or <see cref="LoginCodeKinds.Letter"/>.</summary>
    public string Kind { get; set; } = LoginCodeKinds.Sent;

    public string CodeHash { get; set; } = "";

    /// <summary>Hash of the sign-in attempt token held by the browser that asked for the code (sent codes only).</summary>
    public string? BindingHash { get; set; }

    public int Attempts { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? UsedAt { get; set; }

    /// <summary>For a printed letter code: the staff member who made it and their organization.</summary>
    public string? CreatedByStaffId { get; set; }

    public Guid? OrganizationId { get; set; }
}

/// <summary>Kinds of sign-in code.</summary>
public static class LoginCodeKinds
{
    public const string Sent = "sent";
    public const string Letter = "letter";
}

internal sealed class LoginCodeConfiguration : IEntityTypeConfiguration<LoginCode>
{
    public void Configure(EntityTypeBuilder<LoginCode> builder)
    {
        builder.ToTable("LoginCodes");
        builder.HasIndex(c => new { c.AccountKind, c.AccountId, c.ExpiresAt });
        builder.Property(c => c.AccountKind).HasMaxLength(16).HasDefaultValue(SessionKinds.Jobseeker);
        builder.HasIndex(c => c.ExpiresAt);
        builder.Property(c => c.Kind).HasMaxLength(8);
        builder.Property(c => c.CodeHash).HasMaxLength(64);
        builder.Property(c => c.BindingHash).HasMaxLength(64);
        builder.Property(c => c.CreatedByStaffId).HasMaxLength(64);
    }
}
