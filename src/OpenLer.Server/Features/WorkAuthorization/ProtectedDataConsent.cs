using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenLer.Server.Features.WorkAuthorization;

/// <summary>
/// A person's recorded consent before protected data about them is recorded: what (<see cref="Scope"/>), why
/// (<see cref="Purpose"/>), who asked (the organization and <see cref="RecordedBy"/>), when, and in which language the text
/// (<see cref="TextVersion"/>) was shown. Withdrawable by the person or, on their word, by staff; withdrawing erases the
/// protected fields. Ids and codes only: nothing personal.
/// </summary>
public sealed class ProtectedDataConsent
{
    public Guid Id { get; set; }

    public Guid OrganizationId { get; set; }

    public Guid ClientId { get; set; }

    public string Scope { get; set; } = ConsentScopes.WorkAuthorization;

    public string Purpose { get; set; } = ConsentPurposes.IssueCredential;

    /// <summary>Which wording was shown (<see cref="Consents.TextVersion"/>).</summary>
    public string TextVersion { get; set; } = "";

    /// <summary>The language the text was shown in (a code of <see cref="Infrastructure.Languages"/>).</summary>
    public string Language { get; set; } = "en";

    /// <summary>The staff member who showed the text and recorded the answer.</summary>
    public string RecordedBy { get; set; } = "";

    public DateTime RecordedAt { get; set; }

    public DateTime? WithdrawnAt { get; set; }

    /// <summary>"person" or "staff".</summary>
    public string? WithdrawnBy { get; set; }
}

/// <summary>What a consent covers.</summary>
public static class ConsentScopes
{
    public const string WorkAuthorization = "work-authorization";
}

/// <summary>Why the data is recorded.</summary>
public static class ConsentPurposes
{
    public const string IssueCredential = "issue-credential";
}

internal sealed class ProtectedDataConsentConfiguration : IEntityTypeConfiguration<ProtectedDataConsent>
{
    public void Configure(EntityTypeBuilder<ProtectedDataConsent> builder)
    {
        builder.ToTable("ProtectedDataConsents");
        builder.HasIndex(c => new { c.OrganizationId, c.ClientId });
        builder.Property(c => c.Scope).HasMaxLength(32);
        builder.Property(c => c.Purpose).HasMaxLength(32);
        builder.Property(c => c.TextVersion).HasMaxLength(32);
        builder.Property(c => c.Language).HasMaxLength(16);
        builder.Property(c => c.RecordedBy).HasMaxLength(64);
        builder.Property(c => c.WithdrawnBy).HasMaxLength(16);
    }
}
