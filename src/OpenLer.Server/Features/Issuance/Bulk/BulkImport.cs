using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenLer.Server.Features.Issuance.Bulk;

/// <summary>The states of a bulk issuance.</summary>
public static class BulkImportStates
{
    /// <summary>Uploaded and checked; staff see the preview and decide.</summary>
    public const string Preview = "preview";

    /// <summary>Staff said issue: waiting for a worker.</summary>
    public const string Queued = "queued";

    /// <summary>A worker (this or another instance, or the command) holds the lease and issues row by row in batches.</summary>
    public const string Running = "running";

    /// <summary>Every row is issued, skipped or failed.</summary>
    public const string Finished = "finished";
}

/// <summary>
/// One uploaded completions file of an organization and the durable job that issues it. Holds counts and the lease of the
/// worker running it (<see cref="LeaseOwner"/> until <see cref="LeaseUntil"/>): a worker that stops without finishing
/// (a crash, a restart) loses its lease, and the next worker, here or on another instance, carries on with the rows still
/// pending. Nothing personal: the rows hold the encrypted data.
/// </summary>
public sealed class BulkImport
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    /// <summary>The site new clients join (null: organization level, which admins see).</summary>
    public Guid? SiteId { get; set; }

    /// <summary>Who uploaded it: a staff id, or "command".</summary>
    public string CreatedBy { get; set; } = "";

    /// <summary>SHA-256 of the uploaded bytes (hex): the command resumes an unfinished upload of the same file.</summary>
    public string FileHash { get; set; } = "";

    /// <summary>The encoding the file was read as (UTF-8, UTF-16, Windows-1252).</summary>
    public string Encoding { get; set; } = "";

    public string State { get; set; } = BulkImportStates.Preview;

    public int TotalRows { get; set; }

    /// <summary>Rows that passed every check at upload and wait to be issued.</summary>
    public int ValidRows { get; set; }

    /// <summary>Rows with a problem found at upload (never issued).</summary>
    public int InvalidRows { get; set; }

    /// <summary>Rows issued at upload time already (an earlier upload issued them).</summary>
    public int AlreadyIssuedRows { get; set; }

    public int Issued { get; set; }

    public int Skipped { get; set; }

    public int Failed { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTime? LeaseUntil { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? QueuedAt { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>Rows handled so far (issued, skipped or failed, including the rows refused at upload).</summary>
    public int Done => Issued + Skipped + Failed;
}

internal sealed class BulkImportConfiguration : IEntityTypeConfiguration<BulkImport>
{
    public void Configure(EntityTypeBuilder<BulkImport> builder)
    {
        builder.ToTable("BulkImports");
        builder.Ignore(i => i.Done);
        builder.Property(i => i.State).HasMaxLength(16);
        builder.Property(i => i.CreatedBy).HasMaxLength(64);
        builder.Property(i => i.FileHash).HasMaxLength(64);
        builder.Property(i => i.Encoding).HasMaxLength(16);
        builder.Property(i => i.LeaseOwner).HasMaxLength(64);
        builder.HasIndex(i => new { i.OrganizationId, i.CreatedAt });
        builder.HasIndex(i => i.State);
    }
}
