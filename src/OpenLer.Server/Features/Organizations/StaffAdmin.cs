using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Account.Sessions;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Organizations;

/// <summary>
/// An organization admin manages staff: add (with a first password they must change), disable (every session ends at
/// once), enable, reset the password (sessions end, must change), change role and sites (sessions end so the new rights
/// apply at the next sign-in). Every change is audited. Only staff of the admin's own organization can be touched.
/// </summary>
public sealed class StaffAdmin(AppDbContext db, UserManager<StaffUser> users, SessionService sessions, AuditTrail audit, TimeProvider time)
{
    public sealed record Result(bool Ok, string? Error = null);

    public async Task<Result> AddAsync(Guid organizationId, string name, string email, string password, string role, Guid? siteId, CancellationToken cancellationToken = default)
    {
        if (!AppClaims.StaffRoles.Contains(role))
        {
            return new Result(false, L.Key("Choose a role."));
        }

        if (siteId is { } site && !await db.Sites.AnyAsync(s => s.Id == site && s.OrganizationId == organizationId, cancellationToken))
        {
            return new Result(false, L.Key("Choose a site of your organization."));
        }

        var user = new StaffUser
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            EmailConfirmed = true,
            OrganizationId = organizationId,
            SiteId = siteId,
            DisplayName = name.Trim(),
            MustChangePassword = true,
            LockoutEnabled = false,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return new Result(false, L.Key("The staff member could not be added: check the e-mail address and the password rules."));
        }

        await users.AddToRoleAsync(user, role);
        await audit.RecordAsync(AuditActions.StaffAdded, "staff", user.Id, organizationId, detail: role, cancellationToken: cancellationToken);
        return new Result(true);
    }

    public async Task<Result> DisableAsync(Guid organizationId, string staffId, string actingStaffId, CancellationToken cancellationToken = default)
    {
        if (staffId == actingStaffId)
        {
            return new Result(false, L.Key("You cannot disable your own account."));
        }

        var user = await FindAsync(organizationId, staffId, cancellationToken);
        if (user is null)
        {
            return new Result(false);
        }

        user.DisabledAt ??= time.GetUtcNow().UtcDateTime;
        await users.UpdateSecurityStampAsync(user);
        var ended = await sessions.EndAllAsync(SessionKinds.Staff, user.Id, cancellationToken: cancellationToken);
        await audit.RecordAsync(AuditActions.StaffDisabled, "staff", user.Id, organizationId, detail: "sessions ended: " + ended.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken: cancellationToken);
        return new Result(true);
    }

    public async Task<Result> EnableAsync(Guid organizationId, string staffId, CancellationToken cancellationToken = default)
    {
        var user = await FindAsync(organizationId, staffId, cancellationToken);
        if (user is null)
        {
            return new Result(false);
        }

        user.DisabledAt = null;
        await users.UpdateAsync(user);
        await audit.RecordAsync(AuditActions.StaffEnabled, "staff", user.Id, organizationId, cancellationToken: cancellationToken);
        return new Result(true);
    }

    public async Task<Result> ResetPasswordAsync(Guid organizationId, string staffId, string password, CancellationToken cancellationToken = default)
    {
        var user = await FindAsync(organizationId, staffId, cancellationToken);
        if (user is null)
        {
            return new Result(false);
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, password);
        if (!reset.Succeeded)
        {
            return new Result(false, L.Key("The new password must have at least 10 characters, with upper and lower case letters and a digit."));
        }

        user.MustChangePassword = true;
        await users.UpdateAsync(user);
        await sessions.EndAllAsync(SessionKinds.Staff, user.Id, cancellationToken: cancellationToken);
        await audit.RecordAsync(AuditActions.StaffPasswordReset, "staff", user.Id, organizationId, cancellationToken: cancellationToken);
        return new Result(true);
    }

    public async Task<Result> ChangeAsync(Guid organizationId, string staffId, string actingStaffId, string role, Guid? homeSite, IReadOnlyCollection<Guid> extraSites, CancellationToken cancellationToken = default)
    {
        var user = await FindAsync(organizationId, staffId, cancellationToken);
        if (user is null || !AppClaims.StaffRoles.Contains(role))
        {
            return new Result(false);
        }

        if (staffId == actingStaffId && role != AppClaims.OrgAdminRole)
        {
            return new Result(false, L.Key("You cannot remove your own admin role."));
        }

        var orgSites = await db.Sites.Where(s => s.OrganizationId == organizationId).Select(s => s.Id).ToListAsync(cancellationToken);
        if ((homeSite is { } h && !orgSites.Contains(h)) || extraSites.Any(s => !orgSites.Contains(s)))
        {
            return new Result(false, L.Key("Choose sites of your organization."));
        }

        var roles = await users.GetRolesAsync(user);
        if (!roles.SequenceEqual([role]))
        {
            await users.RemoveFromRolesAsync(user, roles);
            await users.AddToRoleAsync(user, role);
            await audit.RecordAsync(AuditActions.StaffRoleChanged, "staff", user.Id, organizationId, detail: role, cancellationToken: cancellationToken);
        }

        user.SiteId = homeSite;
        await users.UpdateAsync(user);
        await db.Set<StaffSiteGrant>().Where(g => g.StaffUserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        foreach (var site in extraSites.Where(s => s != homeSite).Distinct())
        {
            db.Set<StaffSiteGrant>().Add(new StaffSiteGrant { StaffUserId = user.Id, SiteId = site });
        }

        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.StaffSitesChanged, "staff", user.Id, organizationId,
            detail: (extraSites.Count + (homeSite is null ? 0 : 1)).ToString(System.Globalization.CultureInfo.InvariantCulture) + " sites", cancellationToken: cancellationToken);
        if (staffId != actingStaffId)
        {
            await sessions.EndAllAsync(SessionKinds.Staff, user.Id, cancellationToken: cancellationToken);
        }

        return new Result(true);
    }

    private Task<StaffUser?> FindAsync(Guid organizationId, string staffId, CancellationToken cancellationToken) =>
        db.Users.FirstOrDefaultAsync(u => u.Id == staffId && u.OrganizationId == organizationId, cancellationToken);
}
