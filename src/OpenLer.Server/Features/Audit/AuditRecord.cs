using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenLer.Server.Features.Audit;

/// <summary>
/// One append-only, hash-chained record of something people did: who (actor kind and id), what (action), which record
/// (target kind and id), when, from which address, with what outcome. Never a name, contact, code, token or protected
/// value: ids only. <see cref="Hash"/> covers every field and the previous record's hash, so an edited, removed or
/// reordered record breaks the chain (<c>audit verify</c>).
/// </summary>
public sealed class AuditRecord
{
    /// <summary>The position in the chain, 1, 2, 3... (assigned under a lock, never reused).</summary>
    public long Sequence { get; set; }

    public DateTime At { get; set; }

    public string ActorKind { get; set; } = AuditActors.Anonymous;

    public string? ActorId { get; set; }

    public Guid? OrganizationId { get; set; }

    public string Action { get; set; } = "";

    public string? TargetKind { get; set; }

    public string? TargetId { get; set; }

    public string? Address { get; set; }

    public string Outcome { get; set; } = AuditOutcomes.Ok;

    /// <summary>A short, non-personal detail (a reason code, a count, a role name).</summary>
    public string? Detail { get; set; }

    public string PreviousHash { get; set; } = "";

    public string Hash { get; set; } = "";
}

internal sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> builder)
    {
        builder.ToTable("AuditRecords");
        builder.HasKey(r => r.Sequence);
        builder.Property(r => r.Sequence).ValueGeneratedNever();
        builder.HasIndex(r => new { r.OrganizationId, r.At });
        builder.HasIndex(r => new { r.TargetKind, r.TargetId });
        builder.Property(r => r.ActorKind).HasMaxLength(16);
        builder.Property(r => r.ActorId).HasMaxLength(64);
        builder.Property(r => r.Action).HasMaxLength(48);
        builder.Property(r => r.TargetKind).HasMaxLength(24);
        builder.Property(r => r.TargetId).HasMaxLength(64);
        builder.Property(r => r.Address).HasMaxLength(64);
        builder.Property(r => r.Outcome).HasMaxLength(16);
        builder.Property(r => r.Detail).HasMaxLength(200);
        builder.Property(r => r.PreviousHash).HasMaxLength(64);
        builder.Property(r => r.Hash).HasMaxLength(64);
    }
}

/// <summary>Kinds of actor.</summary>
public static class AuditActors
{
    public const string Staff = "staff";
    public const string Jobseeker = "jobseeker";
    public const string Employer = "employer";
    public const string System = "system";
    public const string Anonymous = "anonymous";
}

/// <summary>Outcomes.</summary>
public static class AuditOutcomes
{
    public const string Ok = "ok";
    public const string Failed = "failed";
    public const string Denied = "denied";
}
