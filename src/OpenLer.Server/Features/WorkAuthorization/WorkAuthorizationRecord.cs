using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenLer.Server.Features.WorkAuthorization;

/// <summary>
/// What a caseworker saw of a client's work-authorization document: one current record per client of an organization.
/// Every field is encrypted on its own (organization scope, bound to this row and column); the A-number is found through a
/// keyed blind index, never its value. Recording a new document replaces the fields and raises <see cref="Version"/>, so a
/// credential issued from an older version is known to be out of date. Erasing (consent withdrawn, account deleted,
/// retention) empties every field and sets <see cref="ErasedAt"/>.
/// </summary>
public sealed class WorkAuthorizationRecord
{
    public const string Table = "WorkAuthorizationRecords";

    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid ClientId { get; set; }

    /// <summary>The consent under which the fields were recorded.</summary>
    public Guid ConsentId { get; set; }

    public string? StatusCategoryCipher { get; set; }

    public string? DocumentTypeCipher { get; set; }

    public string? EadCategoryCipher { get; set; }

    public string? DocumentNumberCipher { get; set; }

    public string? ANumberCipher { get; set; }

    /// <summary>Blind index of the normalized A-number within the organization (null when none was recorded).</summary>
    public string? ANumberIndex { get; set; }

    /// <summary>The last valid day (yyyy-MM-dd) or "none", encrypted.</summary>
    public string? ValidUntilCipher { get; set; }

    /// <summary>The day the document was seen (yyyy-MM-dd), encrypted.</summary>
    public string? SeenOnCipher { get; set; }

    /// <summary>The staff member who saw it (their user id), encrypted.</summary>
    public string? SeenByCipher { get; set; }

    /// <summary>Raised each time a new document is recorded (1 for the first).</summary>
    public int Version { get; set; }

    public DateTime RecordedAt { get; set; }

    /// <summary>The last time staff recorded, showed or issued from this record (for the retention period).</summary>
    public DateTime LastActivityAt { get; set; }

    public DateTime? ErasedAt { get; set; }

    /// <summary><see cref="ErasureReasons"/>.</summary>
    public string? ErasedReason { get; set; }
}

/// <summary>Why protected fields were erased.</summary>
public static class ErasureReasons
{
    public const string ConsentWithdrawn = "consent-withdrawn";
    public const string AccountDeleted = "account-deleted";
    public const string Retention = "retention";
}

internal sealed class WorkAuthorizationRecordConfiguration : IEntityTypeConfiguration<WorkAuthorizationRecord>
{
    public void Configure(EntityTypeBuilder<WorkAuthorizationRecord> builder)
    {
        builder.ToTable(WorkAuthorizationRecord.Table);
        builder.HasIndex(r => new { r.OrganizationId, r.ClientId }).IsUnique();
        builder.HasIndex(r => new { r.OrganizationId, r.ANumberIndex });
        builder.HasIndex(r => new { r.ErasedAt, r.LastActivityAt });
        builder.Property(r => r.ANumberIndex).HasMaxLength(64);
        builder.Property(r => r.ErasedReason).HasMaxLength(24);
    }
}
