using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Issuance;

/// <summary>
/// What the signed-in staff member may see: their organization, and within it every site (organization admins) or their
/// home site plus the sites an admin granted them (site staff, viewers). Every client query goes through
/// <see cref="ClientsAsync"/>, so the organization and site conditions are part of the WHERE of each query.
/// </summary>
public sealed class StaffScope(IHttpContextAccessor http, AppDbContext db)
{
    private IReadOnlyList<Guid>? _sites;

    private System.Security.Claims.ClaimsPrincipal User => http.HttpContext?.User ?? throw new InvalidOperationException("No request.");

    /// <summary>The organization worked in now: the practice organization while in practice (Features/Practice).</summary>
    public Guid OrganizationId => User.OrganizationId();

    /// <summary>Whether the staff member works in the practice space (every site of the practice organization is theirs).</summary>
    public bool InPractice => User.InPractice();

    public string StaffId => User.StaffId();

    public bool IsAdmin => User.IsInRole(AppClaims.OrgAdminRole);

    public bool CanEdit => !User.IsInRole(AppClaims.ViewerRole);

    /// <summary>The sites this staff member works on (all of the organization's for an admin).</summary>
    public async Task<IReadOnlyList<Guid>> SitesAsync(CancellationToken cancellationToken = default)
    {
        if (_sites is not null)
        {
            return _sites;
        }

        var org = OrganizationId;
        if (IsAdmin || InPractice)
        {
            _sites = await db.Sites.Where(s => s.OrganizationId == org).Select(s => s.Id).ToListAsync(cancellationToken);
            return _sites;
        }

        var staffId = StaffId;
        var home = await db.Users.Where(u => u.Id == staffId && u.OrganizationId == org).Select(u => u.SiteId).FirstOrDefaultAsync(cancellationToken);
        var granted = await db.Set<StaffSiteGrant>().Where(g => g.StaffUserId == staffId)
            .Join(db.Sites.Where(s => s.OrganizationId == org), g => g.SiteId, s => s.Id, (g, s) => s.Id).ToListAsync(cancellationToken);
        _sites = [.. granted.Concat(home is { } h ? [h] : []).Distinct()];
        return _sites;
    }

    /// <summary>The clients this staff member may see (organization and site scope in the query).</summary>
    public async Task<IQueryable<Client>> ClientsAsync(CancellationToken cancellationToken = default)
    {
        var org = OrganizationId;
        if (IsAdmin || InPractice)
        {
            return db.Clients.Where(c => c.OrganizationId == org);
        }

        var sites = await SitesAsync(cancellationToken);
        return db.Clients.Where(c => c.OrganizationId == org && c.SiteId != null && sites.Contains(c.SiteId.Value));
    }

    /// <summary>One visible client, or null (another organization's, another site's or unknown: the page answers 404).</summary>
    public async Task<Client?> FindClientAsync(Guid clientId, CancellationToken cancellationToken = default) =>
        await (await ClientsAsync(cancellationToken)).FirstOrDefaultAsync(c => c.Id == clientId, cancellationToken);

    /// <summary>Whether a site belongs to this staff member's sites.</summary>
    public async Task<bool> MayUseSiteAsync(Guid siteId, CancellationToken cancellationToken = default) =>
        (await SitesAsync(cancellationToken)).Contains(siteId);
}
