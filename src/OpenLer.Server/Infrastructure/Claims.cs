using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenLer.Server.Features.Account;

namespace OpenLer.Server.Infrastructure;

/// <summary>Claim types and authentication names of the app.</summary>
public static class AppClaims
{
    public const string Organization = "openler:org";
    public const string Jobseeker = "openler:jobseeker";
    public const string MustChangePassword = "openler:must-change-password";
    public const string TwoFactorEnabled = "openler:2fa";
    public const string SharedDevice = "openler:shared-device";
    public const string JobseekerScheme = "Jobseeker";

    /// <summary>An employer user's company (every employer query filters by it).</summary>
    public const string EmployerCompany = "openler:employer";

    /// <summary>The cookie scheme of employer users (server-side sessions of kind <see cref="SessionKinds.Employer"/>).</summary>
    public const string EmployerScheme = "Employer";
    public const string EmployerPolicy = "Employer";
    public const string StaffPolicy = "Staff";
    public const string JobseekerPolicy = "Jobseeker";
    public const string OrgAdminPolicy = "OrgAdmin";
    public const string OrgAdminRole = "OrgAdmin";

    /// <summary>Site staff: their home site's clients and any site an admin grants them.</summary>
    public const string SpecialistRole = "EmploymentSpecialist";

    /// <summary>Read-only: sees the clients of their sites, changes nothing.</summary>
    public const string ViewerRole = "Viewer";

    public static readonly string[] StaffRoles = [OrgAdminRole, SpecialistRole, ViewerRole];

    /// <summary>
    /// A staff member working in their organization's practice space: the practice organization's id (Features/Practice).
    /// Set only by the practice switch, in the server-side session; while present, <see cref="OrganizationId"/> is the
    /// practice organization, so every tenant filter shows practice data and nothing real.
    /// </summary>
    public const string Practice = "openler:practice";

    /// <summary>
    /// The organization the staff member works in now (every staff query filters by it): their practice organization while
    /// in practice, otherwise their own.
    /// </summary>
    public static Guid OrganizationId(this ClaimsPrincipal user) =>
        user.PracticeOrganizationId() ?? user.HomeOrganizationId();

    /// <summary>The staff member's own (real) organization, whether or not they are in practice.</summary>
    public static Guid HomeOrganizationId(this ClaimsPrincipal user) =>
        Guid.TryParse(user?.FindFirstValue(Organization), out var id) ? id : throw new InvalidOperationException("Not a staff member.");

    /// <summary>The practice organization while the staff member is in practice; null in real work.</summary>
    public static Guid? PracticeOrganizationId(this ClaimsPrincipal user) =>
        user?.FindFirstValue(Organization) is not null && Guid.TryParse(user.FindFirstValue(Practice), out var id) ? id : null;

    /// <summary>Whether the staff member is working in the practice space.</summary>
    public static bool InPractice(this ClaimsPrincipal user) => user.PracticeOrganizationId() is not null;

    public static Guid JobseekerId(this ClaimsPrincipal user) =>
        Guid.TryParse(user?.FindFirstValue(Jobseeker), out var id) ? id : throw new InvalidOperationException("Not a jobseeker.");

    public static string StaffId(this ClaimsPrincipal user) =>
        user?.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not a staff member.");

    /// <summary>The employer user's company id.</summary>
    public static Guid EmployerCompanyId(this ClaimsPrincipal user) =>
        Guid.TryParse(user?.FindFirstValue(EmployerCompany), out var id) ? id : throw new InvalidOperationException("Not an employer user.");

    /// <summary>The employer user's own id.</summary>
    public static Guid EmployerUserId(this ClaimsPrincipal user) =>
        user?.FindFirstValue(EmployerCompany) is not null && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? id : throw new InvalidOperationException("Not an employer user.");

    public static bool IsEmployer(this ClaimsPrincipal user) => user?.FindFirstValue(EmployerCompany) is not null;

    public static bool IsStaff(this ClaimsPrincipal user) => user?.FindFirstValue(Organization) is not null;
}

/// <summary>Adds the organization and the account's state (must change password, second factor) to a staff member's sign-in.</summary>
public sealed class StaffClaimsFactory(UserManager<StaffUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AppClaims.Organization, user.OrganizationId.ToString()));
        identity.AddClaim(new Claim("openler:name", user.DisplayName));
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(AppClaims.MustChangePassword, "true"));
        }

        if (user.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(AppClaims.TwoFactorEnabled, "true"));
        }

        return identity;
    }
}
