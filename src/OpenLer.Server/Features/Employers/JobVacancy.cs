using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenLer.Server.Features.Employers;

/// <summary>
/// A job an employer company offers: its title, the O*NET occupation it was built from, place, hours, the languages the
/// job needs, whether it requires work authorization, and its required skills (<see cref="VacancySkillRow"/>). A draft
/// until published; only a published vacancy takes applications, through its link (<see cref="PublicToken"/>).
/// </summary>
public sealed class JobVacancy
{
    public const int TextMaxLength = 200;

    public Guid Id { get; set; }

    /// <summary>The employer company (tenant): every employer query filters by it.</summary>
    public Guid CompanyId { get; set; }

    public string Title { get; set; } = "";

    /// <summary>The O*NET-SOC code of the occupation (e.g. 53-7065.00).</summary>
    public string OccupationCode { get; set; } = "";

    public string Place { get; set; } = "";

    public string Hours { get; set; } = "";

    /// <summary>The languages the job needs, in the employer's words (e.g. "Basic English").</summary>
    public string LanguagesNeeded { get; set; } = "";

    public bool RequiresWorkAuthorization { get; set; }

    /// <summary><see cref="VacancyStates"/>.</summary>
    public string State { get; set; } = VacancyStates.Draft;

    /// <summary>The random part of the vacancy's public link (/jobs/{token}): 256 bits, base64url.</summary>
    public string PublicToken { get; set; } = "";

    public Guid CreatedByUserId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? PublishedAt { get; set; }

    public DateTime? ClosedAt { get; set; }

    public List<VacancySkillRow> Skills { get; set; } = [];
}

/// <summary>States of a vacancy.</summary>
public static class VacancyStates
{
    public const string Draft = "draft";
    public const string Open = "open";
    public const string Closed = "closed";
}

/// <summary>One skill a vacancy requires: an O*NET element ID and its category (the weight: must-have 3, important 2, nice-to-have 1).</summary>
public sealed class VacancySkillRow
{
    public Guid Id { get; set; }

    public Guid VacancyId { get; set; }

    public string Code { get; set; } = "";

    /// <summary>The <see cref="OpenLer.Credentials.Taxonomy.SkillCategory"/> value (1, 2 or 3).</summary>
    public int Category { get; set; }

    /// <summary>The order the employer sees (most important first when proposed).</summary>
    public int Position { get; set; }
}

internal sealed class JobVacancyConfiguration : IEntityTypeConfiguration<JobVacancy>
{
    public void Configure(EntityTypeBuilder<JobVacancy> builder)
    {
        builder.ToTable("Vacancies");
        builder.HasIndex(v => new { v.CompanyId, v.State });
        builder.HasIndex(v => v.PublicToken).IsUnique();
        builder.Property(v => v.Title).HasMaxLength(JobVacancy.TextMaxLength);
        builder.Property(v => v.OccupationCode).HasMaxLength(16);
        builder.Property(v => v.Place).HasMaxLength(JobVacancy.TextMaxLength);
        builder.Property(v => v.Hours).HasMaxLength(JobVacancy.TextMaxLength);
        builder.Property(v => v.LanguagesNeeded).HasMaxLength(JobVacancy.TextMaxLength);
        builder.Property(v => v.State).HasMaxLength(16);
        builder.Property(v => v.PublicToken).HasMaxLength(64);
        builder.HasMany(v => v.Skills).WithOne().HasForeignKey(s => s.VacancyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class VacancySkillRowConfiguration : IEntityTypeConfiguration<VacancySkillRow>
{
    public void Configure(EntityTypeBuilder<VacancySkillRow> builder)
    {
        builder.ToTable("VacancySkills");
        builder.HasIndex(s => new { s.VacancyId, s.Code }).IsUnique();
        builder.Property(s => s.Code).HasMaxLength(16);
    }
}
