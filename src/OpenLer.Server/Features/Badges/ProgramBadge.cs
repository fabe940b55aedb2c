using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenLer.Server.Data;

namespace OpenLer.Server.Features.Badges;

/// <summary>
/// A program's badge image: an uploaded PNG (checked whole before it is stored, Features/Badges/BadgeUpload), or no
/// image and a colour for the SVG the server draws from the program's name (GeneratedBadge). One row per program, in its
/// organization; a program without a row has the generated badge in the default colour. Badge images are public.
/// </summary>
public sealed class ProgramBadge
{
    public const string Table = "ProgramBadges";

    public Guid ProgramId { get; set; }

    public Guid OrganizationId { get; set; }

    /// <summary>The colour of the generated badge (#rrggbb), or null for the default.</summary>
    public string? Colour { get; set; }

    /// <summary>The uploaded PNG, or null for the generated badge.</summary>
    public byte[]? Image { get; set; }

    public DateTime UpdatedAt { get; set; }
}

internal sealed class ProgramBadgeConfiguration : IEntityTypeConfiguration<ProgramBadge>
{
    public void Configure(EntityTypeBuilder<ProgramBadge> builder)
    {
        builder.ToTable(ProgramBadge.Table);
        builder.HasKey(b => b.ProgramId);
        builder.Property(b => b.ProgramId).ValueGeneratedNever();
        builder.HasIndex(b => b.OrganizationId);
        builder.HasOne<AchievementProgram>().WithMany().HasForeignKey(b => b.ProgramId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Organization>().WithMany().HasForeignKey(b => b.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(b => b.Colour).HasMaxLength(7);
        builder.Property(b => b.Image).HasMaxLength(BadgeUpload.MaxBytes);
    }
}
