using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenLer.Server.Data;

namespace OpenLer.Server.Infrastructure;

/// <summary>Claim types and authentication names of the app.</summary>
public static class AppClaims
{
    public const string Organization = "openler:org";
    public const string Jobseeker = "openler:jobseeker";
    public const string JobseekerScheme = "Jobseeker";
    public const string StaffPolicy = "Staff";
    public const string JobseekerPolicy = "Jobseeker";
    public const string OrgAdminPolicy = "OrgAdmin";
    public const string OrgAdminRole = "OrgAdmin";
    public const string SpecialistRole = "EmploymentSpecialist";

    /// <summary>The staff member's organization id (every staff query filters by it).</summary>
    public static Guid OrganizationId(this ClaimsPrincipal user) =>
        Guid.TryParse(user?.FindFirstValue(Organization), out var id) ? id : throw new InvalidOperationException("Not a staff member.");

    public static Guid JobseekerId(this ClaimsPrincipal user) =>
        Guid.TryParse(user?.FindFirstValue(Jobseeker), out var id) ? id : throw new InvalidOperationException("Not a jobseeker.");
}

/// <summary>Adds the organization claim to a staff member's sign-in.</summary>
public sealed class StaffClaimsFactory(UserManager<StaffUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AppClaims.Organization, user.OrganizationId.ToString()));
        identity.AddClaim(new Claim("openler:name", user.DisplayName));
        return identity;
    }
}
