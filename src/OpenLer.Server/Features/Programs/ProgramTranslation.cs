using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Programs;

/// <summary>
/// A program's name, description and criteria in one more language, entered by staff. One row per program and
/// language, so a new language of the app is one more row, not a new column. Display only: an issued credential keeps
/// the signed text it was issued with (the Open Badges achievement is never re-signed or changed).
/// </summary>
public sealed class ProgramTranslation
{
    public const string Table = "ProgramTranslations";

    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid ProgramId { get; set; }

    /// <summary>A language code of <c>Languages.All</c> ("es", "ar").</summary>
    public string Language { get; set; } = "";

    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    public string Criteria { get; set; } = "";

    public DateTime UpdatedAt { get; set; }
}

internal sealed class ProgramTranslationConfiguration : IEntityTypeConfiguration<ProgramTranslation>
{
    public void Configure(EntityTypeBuilder<ProgramTranslation> builder)
    {
        builder.ToTable(ProgramTranslation.Table);
        builder.HasIndex(t => new { t.ProgramId, t.Language }).IsUnique();
        builder.HasIndex(t => t.OrganizationId);
        builder.HasOne<AchievementProgram>().WithMany().HasForeignKey(t => t.ProgramId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(t => t.Language).HasMaxLength(16);
        builder.Property(t => t.Name).HasMaxLength(TextLimits.Name);
        builder.Property(t => t.Description).HasMaxLength(TextLimits.Paragraph);
        builder.Property(t => t.Criteria).HasMaxLength(TextLimits.Paragraph);
    }
}
