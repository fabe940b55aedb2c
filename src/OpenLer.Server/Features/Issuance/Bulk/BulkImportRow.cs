using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenLer.Server.Features.Issuance.Bulk;

/// <summary>The states of a row of a bulk issuance.</summary>
public static class BulkRowStates
{
    public const string Pending = "pending";
    public const string Issued = "issued";

    /// <summary>Nothing issued, on purpose: an earlier upload issued it, or the person must accept an invitation first.</summary>
    public const string Skipped = "skipped";

    /// <summary>Nothing issued: the row has a problem (found at upload or while issuing).</summary>
    public const string Failed = "failed";
}

/// <summary>
/// One row of an uploaded completions file. Its data (contact, name, program, date, evidence, level, language) is
/// encrypted for the organization (<see cref="PayloadCipher"/>) and dropped once the row is done; its
/// <see cref="IdempotencyKey"/> (a keyed hash of organization, program, contact and completion date) makes a second upload
/// of the same completion issue nothing. <see cref="Problem"/> is a plain-language text for the localizer, never personal.
/// </summary>
public sealed class BulkImportRow
{
    public const string Table = "BulkImportRows";

    public Guid Id { get; set; }

    public Guid ImportId { get; set; }

    public Guid OrganizationId { get; set; }

    /// <summary>The line of the file the row starts on (the header is line 1).</summary>
    public int Line { get; set; }

    public string State { get; set; } = BulkRowStates.Pending;

    public string? IdempotencyKey { get; set; }

    public string? PayloadCipher { get; set; }

    public string? Problem { get; set; }

    /// <summary>An untranslated detail of the problem (another row's line, counts).</summary>
    public string? ProblemDetail { get; set; }

    public Guid? CredentialId { get; set; }

    public DateTime? DoneAt { get; set; }
}

internal sealed class BulkImportRowConfiguration : IEntityTypeConfiguration<BulkImportRow>
{
    public void Configure(EntityTypeBuilder<BulkImportRow> builder)
    {
        builder.ToTable(BulkImportRow.Table);
        builder.HasIndex(r => new { r.ImportId, r.State, r.Line });
        builder.HasIndex(r => new { r.ImportId, r.Line }).IsUnique();
        builder.Property(r => r.State).HasMaxLength(16);
        builder.Property(r => r.IdempotencyKey).HasMaxLength(64);
        builder.Property(r => r.Problem).HasMaxLength(300);
        builder.Property(r => r.ProblemDetail).HasMaxLength(100);
    }
}
