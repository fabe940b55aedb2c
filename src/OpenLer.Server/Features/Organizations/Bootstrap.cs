using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Organizations;

/// <summary>
/// First start of a real deployment: creates the organization named in configuration (section OpenLer:Bootstrap:
/// Slug, Name, Sites (comma-separated), AdminEmail, AdminName, AdminPassword) with its first admin, once.
/// </summary>
public sealed class Bootstrap(AppDbContext db, OrganizationKeys organizations, UserManager<StaffUser> users, RoleManager<IdentityRole> roles, IConfiguration configuration)
    : IStartupStep
{
    public int Order => 100;

    public Task RunAsync(CancellationToken cancellationToken) => BootstrapAsync(cancellationToken);

    public async Task<bool> BootstrapAsync(CancellationToken cancellationToken = default)
    {
        var section = configuration.GetSection("OpenLer:Bootstrap");
        var slug = section["Slug"];
        if (string.IsNullOrWhiteSpace(slug) || await db.Organizations.AnyAsync(o => o.Slug == slug, cancellationToken))
        {
            return false;
        }

        await DemoData.EnsureRolesAsync(roles);
        await using var transaction = await db.Database.BeginOrJoinAsync(cancellationToken);
        var sites = (section["Sites"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var org = await organizations.CreateAsync(section["Name"] ?? slug, slug, sites, cancellationToken);
        await DemoData.CreateStaffAsync(users, org.Id, null, section["AdminEmail"] ?? throw new InvalidOperationException("OpenLer:Bootstrap:AdminEmail is required."),
            section["AdminName"] ?? "Administrator", AppClaims.OrgAdminRole,
            section["AdminPassword"] ?? throw new InvalidOperationException("OpenLer:Bootstrap:AdminPassword is required."));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
