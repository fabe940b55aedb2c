using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenLer.Server.Features.Employers;

/// <summary>
/// An employer's account (the tenant of employer users): its vacancies and the applications to them belong to it and
/// to nobody else. It works with one or more organizations (CBOs) through their <see cref="Data.Employer"/> entries.
/// </summary>
public sealed class EmployerCompany
{
    public const int NameMaxLength = 200;

    public Guid Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>The organization that created the account (by inviting its first user).</summary>
    public Guid CreatedByOrganizationId { get; set; }

    public DateTime CreatedAt { get; set; }
}

internal sealed class EmployerCompanyConfiguration : IEntityTypeConfiguration<EmployerCompany>
{
    public void Configure(EntityTypeBuilder<EmployerCompany> builder)
    {
        builder.ToTable("EmployerCompanies");
        builder.Property(c => c.Name).HasMaxLength(EmployerCompany.NameMaxLength);
    }
}
