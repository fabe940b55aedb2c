using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenLer.Server.Features.Employers;

/// <summary>
/// A person who hires for an employer company (a hiring manager). Belongs to exactly one company; signs in with a code
/// sent to their e-mail address, which is stored encrypted (people's scope) and found through a keyed blind index, like a
/// jobseeker's contact; the name too is encrypted.
/// </summary>
public sealed class EmployerUser
{
    public const string Table = "EmployerUsers";

    public Guid Id { get; set; }

    public Guid CompanyId { get; set; }

    /// <summary>Blind index of the normalized e-mail address (unique across all companies).</summary>
    public string EmailIndex { get; set; } = "";

    public string? EmailCipher { get; set; }

    public string? NameCipher { get; set; }

    public string Language { get; set; } = "en";

    public DateTime CreatedAt { get; set; }

    /// <summary>The organization whose admin invited the person, when it was an organization (null: a colleague added them).</summary>
    public Guid? InvitedByOrganizationId { get; set; }

    public DateTime? DisabledAt { get; set; }

    public DateTime? LastSignInAt { get; set; }
}

internal sealed class EmployerUserConfiguration : IEntityTypeConfiguration<EmployerUser>
{
    public void Configure(EntityTypeBuilder<EmployerUser> builder)
    {
        builder.ToTable(EmployerUser.Table);
        builder.HasIndex(u => u.EmailIndex).IsUnique();
        builder.HasIndex(u => u.CompanyId);
        builder.Property(u => u.EmailIndex).HasMaxLength(64);
        builder.Property(u => u.Language).HasMaxLength(16);
    }
}
