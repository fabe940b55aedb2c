using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace OpenLer.Server.Features.Account;

/// <summary>
/// A staff member (ASP.NET Core Identity user) of one organization, with a role (organization admin, site staff,
/// viewer) and a home site; site staff see their home site's clients and any site an admin grants them.
/// </summary>
public sealed class StaffUser : IdentityUser
{
    public Guid OrganizationId { get; set; }

    /// <summary>The home site (null: none; then only an admin sees clients).</summary>
    public Guid? SiteId { get; set; }

    public string DisplayName { get; set; } = "";

    public string Language { get; set; } = "en";

    /// <summary>A disabled account cannot sign in and every session of it ended when it was disabled.</summary>
    public DateTime? DisabledAt { get; set; }

    /// <summary>A password set by an admin must be changed at the next sign-in.</summary>
    public bool MustChangePassword { get; set; }
}

/// <summary>A further site an admin lets a staff member work on.</summary>
public sealed class StaffSiteGrant
{
    public string StaffUserId { get; set; } = "";

    public Guid SiteId { get; set; }
}

internal sealed class StaffSiteGrantConfiguration : IEntityTypeConfiguration<StaffSiteGrant>
{
    public void Configure(EntityTypeBuilder<StaffSiteGrant> builder)
    {
        builder.ToTable("StaffSiteGrants");
        builder.HasKey(g => new { g.StaffUserId, g.SiteId });
    }
}
