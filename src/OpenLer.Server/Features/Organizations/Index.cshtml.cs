using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Localization;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Organizations;

/// <summary>The organization admin's page: issuer identity and keys, sites, staff, and a link to the employers (organization admins only).</summary>
public sealed class IndexModel(AppDbContext db, OrganizationKeys keys, UserManager<StaffUser> users, StaffAdmin staffAdmin, AuditTrail audit) : PageModel
{
    public const int NameMaxLength = 200;

    public sealed record StaffRow(string Id, string Name, string Email, string Role, Guid? Site, IReadOnlyList<Guid> ExtraSites, bool Disabled, bool TwoFactor);

    public string Name { get; private set; } = "";

    public string Did { get; private set; } = "";

    public List<OrganizationKey> Keys { get; private set; } = [];

    public List<Site> Sites { get; private set; } = [];

    public List<StaffRow> Staff { get; private set; } = [];

    public int EmployerCount { get; private set; }

    public string? Error { get; private set; }

    public string? Message { get; private set; }

    public async Task OnGetAsync()
    {
        Message = TempData["message"] as string;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostSiteAsync([TextField(TextLimits.Name)] string? siteName, [TextField(TextLimits.CountryCode)] string? siteRegion)
    {
        var region = string.IsNullOrWhiteSpace(siteRegion) ? Account.Contacts.DefaultRegion : siteRegion.Trim().ToUpperInvariant();
        if (!Account.Contacts.IsRegion(region))
        {
            TempData["message"] = L.Key("The country for phone numbers must be a two-letter code, such as US, MX or JO.");
            return Redirect("/organization");
        }

        if (!string.IsNullOrWhiteSpace(siteName) && siteName.Length <= NameMaxLength)
        {
            db.Sites.Add(new Site { Id = Guid.NewGuid(), OrganizationId = User.OrganizationId(), Name = siteName.Trim(), PhoneRegion = region });
            await db.SaveChangesAsync();
            TempData["message"] = L.Key("Site added.");
        }

        return Redirect("/organization");
    }

    public async Task<IActionResult> OnPostStaffAsync([TextField(TextLimits.Name)] string? staffName, [TextField(TextLimits.Contact)] string? staffEmail,
        [TextField(TextLimits.Password, Clean = false)] string? staffPassword, [TextField(TextLimits.Short)] string? role, Guid? siteId)
    {
        if (string.IsNullOrWhiteSpace(staffName) || string.IsNullOrWhiteSpace(staffEmail) || string.IsNullOrEmpty(staffPassword)
            || staffName.Length > NameMaxLength || staffEmail.Length > 256 || staffPassword.Length > 256)
        {
            return await FailAsync(L.Key("Please fill in every field."));
        }

        var result = await staffAdmin.AddAsync(User.OrganizationId(), staffName, staffEmail, staffPassword, role ?? "", siteId, HttpContext.RequestAborted);
        return result.Ok ? Done(L.Key("Staff member added. They must choose their own password when they first sign in.")) : await FailAsync(result.Error!);
    }

    public async Task<IActionResult> OnPostDisableAsync([TextField(TextLimits.Short)] string? staffId) =>
        await Apply(await staffAdmin.DisableAsync(User.OrganizationId(), staffId ?? "", User.StaffId(), HttpContext.RequestAborted), L.Key("Account disabled. Every session of it has ended."));

    public async Task<IActionResult> OnPostEnableAsync([TextField(TextLimits.Short)] string? staffId) =>
        await Apply(await staffAdmin.EnableAsync(User.OrganizationId(), staffId ?? "", HttpContext.RequestAborted), L.Key("Account enabled."));

    public async Task<IActionResult> OnPostResetAsync([TextField(TextLimits.Short)] string? staffId, [TextField(TextLimits.Password, Clean = false)] string? newPassword) =>
        string.IsNullOrEmpty(newPassword) || newPassword.Length > 256
            ? await FailAsync(L.Key("Type a new password for them."))
            : await Apply(await staffAdmin.ResetPasswordAsync(User.OrganizationId(), staffId ?? "", newPassword, HttpContext.RequestAborted),
                L.Key("Password reset. They are signed out and must choose their own password at the next sign-in."));

    public async Task<IActionResult> OnPostChangeAsync([TextField(TextLimits.Short)] string? staffId, [TextField(TextLimits.Short)] string? role, Guid? siteId, Guid[]? extraSites) =>
        await Apply(await staffAdmin.ChangeAsync(User.OrganizationId(), staffId ?? "", User.StaffId(), role ?? "", siteId, extraSites ?? [], HttpContext.RequestAborted),
            L.Key("Role and sites saved."));

    public async Task<IActionResult> OnPostRotateAsync()
    {
        var org = User.OrganizationId();
        var key = await keys.RotateAsync(org, HttpContext.RequestAborted);
        await audit.RecordAsync(AuditActions.SigningKeyRotated, "organization", org, org, detail: key.Fragment);
        return Done(L.Key("A new signing key is in use. Credentials signed with the old key keep verifying."));
    }

    private async Task<IActionResult> Apply(StaffAdmin.Result result, string message) =>
        result.Ok ? Done(message) : result.Error is null ? NotFound() : await FailAsync(result.Error);

    private RedirectResult Done(string message)
    {
        TempData["message"] = message;
        return Redirect("/organization");
    }

    private async Task<IActionResult> FailAsync(string error)
    {
        Error = error;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var orgId = User.OrganizationId();
        var org = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == orgId);
        Name = org.Name;
        Keys = await keys.KeysAsync(orgId);
        Did = keys.Identity(org, Keys.OrderByDescending(k => k.CreatedAt).First(k => k.RetiredAt is null)).Did;
        Sites = await db.Sites.AsNoTracking().Where(s => s.OrganizationId == orgId).OrderBy(s => s.Name).ToListAsync();
        EmployerCount = await db.Employers.CountAsync(e => e.OrganizationId == orgId);
        var staff = await db.Users.AsNoTracking().Where(u => u.OrganizationId == orgId).OrderBy(u => u.DisplayName).ToListAsync();
        var grants = await db.Set<StaffSiteGrant>().AsNoTracking().Where(g => staff.Select(s => s.Id).Contains(g.StaffUserId)).ToListAsync();
        Staff = [];
        foreach (var member in staff)
        {
            var roles = await users.GetRolesAsync(member);
            Staff.Add(new StaffRow(member.Id, member.DisplayName, member.Email ?? "", roles.FirstOrDefault() ?? AppClaims.SpecialistRole, member.SiteId,
                [.. grants.Where(g => g.StaffUserId == member.Id).Select(g => g.SiteId)], member.DisabledAt is not null, member.TwoFactorEnabled));
        }
    }
}
