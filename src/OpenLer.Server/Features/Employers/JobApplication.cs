using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenLer.Server.Features.Employers;

/// <summary>
/// A jobseeker's application to a vacancy: a share of the credentials they chose (<see cref="ShareId"/>, a
/// <see cref="Data.Share"/> they see and can stop in their wallet), the skills they report themselves, the name (and,
/// if they chose, the contact) the employer sees, and the employer's outcome. A job developer's suggestion starts as
/// <see cref="ApplicationStages.Suggested"/> and the employer sees nothing until the person applies. Personal fields
/// are encrypted in people's scope (they belong to the person).
/// </summary>
public sealed class JobApplication
{
    public const string Table = "Applications";

    public Guid Id { get; set; }

    public Guid VacancyId { get; set; }

    /// <summary>The vacancy's company (tenant), copied so every employer query filters by it directly.</summary>
    public Guid CompanyId { get; set; }

    public Guid JobseekerId { get; set; }

    /// <summary><see cref="ApplicationStages"/>.</summary>
    public string Stage { get; set; } = ApplicationStages.Applied;

    /// <summary>The share of the chosen credentials (set when the person applies).</summary>
    public Guid? ShareId { get; set; }

    /// <summary>The organization whose job developer suggested the job, if one did.</summary>
    public Guid? SuggestedByOrganizationId { get; set; }

    public string? SuggestedByStaffId { get; set; }

    /// <summary>The name the person chose to show the employer, encrypted.</summary>
    public string? DisplayNameCipher { get; set; }

    /// <summary>The contact the person chose to give the employer (null: none), encrypted.</summary>
    public string? ContactCipher { get; set; }

    /// <summary>The O*NET element IDs the person reports without a credential, comma-separated, encrypted.</summary>
    public string? SelfReportedCipher { get; set; }

    /// <summary>Whether the person shares their self-reported experience with this application.</summary>
    public bool ShareExperience { get; set; }

    /// <summary>Whether the vacancy required work authorization when the person applied (they were asked).</summary>
    public bool WorkAuthorizationAsked { get; set; }

    /// <summary><see cref="ApplicationOutcomes"/>: what the employer marked.</summary>
    public string Outcome { get; set; } = ApplicationOutcomes.None;

    public DateTime CreatedAt { get; set; }

    public DateTime? AppliedAt { get; set; }

    public DateTime? OutcomeAt { get; set; }
}

/// <summary>Where an application stands on the jobseeker's side.</summary>
public static class ApplicationStages
{
    /// <summary>A job developer suggested it; the person has not agreed (the employer sees nothing).</summary>
    public const string Suggested = "suggested";

    /// <summary>The person said no to a suggestion.</summary>
    public const string Declined = "declined";

    /// <summary>The person applied: the employer sees what they shared.</summary>
    public const string Applied = "applied";

    /// <summary>The person withdrew (their share is stopped; the employer no longer sees it).</summary>
    public const string Withdrawn = "withdrawn";
}

/// <summary>What the employer marked (kept, with every change in <see cref="ApplicationEvent"/>, for pilot reporting).</summary>
public static class ApplicationOutcomes
{
    public const string None = "none";
    public const string Seen = "seen";
    public const string Interviewed = "interviewed";
    public const string Hired = "hired";
    public const string NotSelected = "not-selected";

    /// <summary>The outcomes an employer can mark, in order.</summary>
    public static readonly string[] Marks = [Seen, Interviewed, Hired, NotSelected];
}

/// <summary>One change of an application (suggested, applied, declined, withdrawn, an outcome), with its time, for reporting.</summary>
public sealed class ApplicationEvent
{
    public Guid Id { get; set; }

    public Guid ApplicationId { get; set; }

    /// <summary>A stage (<see cref="ApplicationStages"/>) or an outcome (<see cref="ApplicationOutcomes"/>).</summary>
    public string Kind { get; set; } = "";

    /// <summary>Who made the change: jobseeker, employer or staff (never who in person).</summary>
    public string ActorKind { get; set; } = "";

    public DateTime At { get; set; }
}

internal sealed class JobApplicationConfiguration : IEntityTypeConfiguration<JobApplication>
{
    public void Configure(EntityTypeBuilder<JobApplication> builder)
    {
        builder.ToTable(JobApplication.Table);
        builder.HasIndex(a => new { a.VacancyId, a.JobseekerId }).IsUnique();
        builder.HasIndex(a => new { a.CompanyId, a.Stage });
        builder.HasIndex(a => a.JobseekerId);
        builder.HasIndex(a => a.ShareId);
        builder.Property(a => a.Stage).HasMaxLength(16);
        builder.Property(a => a.Outcome).HasMaxLength(16);
        builder.Property(a => a.SuggestedByStaffId).HasMaxLength(64);
    }
}

internal sealed class ApplicationEventConfiguration : IEntityTypeConfiguration<ApplicationEvent>
{
    public void Configure(EntityTypeBuilder<ApplicationEvent> builder)
    {
        builder.ToTable("ApplicationEvents");
        builder.HasIndex(e => e.ApplicationId);
        builder.HasIndex(e => new { e.Kind, e.At });
        builder.Property(e => e.Kind).HasMaxLength(16);
        builder.Property(e => e.ActorKind).HasMaxLength(16);
    }
}
