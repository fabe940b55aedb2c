using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Organizations;

/// <summary>The organization admin's page: issuer identity, sites and staff (organization admins only).</summary>
public sealed class IndexModel(AppDbContext db, OrganizationKeys keys, UserManager<StaffUser> users) : PageModel
{
    public sealed record StaffRow(string Name, string Email, string Role);

    public string Name { get; private set; } = "";

    public string Did { get; private set; } = "";

    public List<Site> Sites { get; private set; } = [];

    public List<StaffRow> Staff { get; private set; } = [];

    public List<Employer> Employers { get; private set; } = [];

    public string? Error { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostSiteAsync([TextField(TextLimits.Name)] string? siteName)
    {
        if (!string.IsNullOrWhiteSpace(siteName))
        {
            db.Sites.Add(new Site { Id = Guid.NewGuid(), OrganizationId = User.OrganizationId(), Name = siteName.Trim() });
            await db.SaveChangesAsync();
        }

        return Redirect("/organization");
    }

    public async Task<IActionResult> OnPostEmployerAsync([TextField(TextLimits.Name)] string? employerName, [TextField(TextLimits.Name)] string? employerContact)
    {
        if (!string.IsNullOrWhiteSpace(employerName))
        {
            db.Employers.Add(new Employer
            {
                Id = Guid.NewGuid(),
                OrganizationId = User.OrganizationId(),
                Name = employerName.Trim(),
                ContactName = string.IsNullOrWhiteSpace(employerContact) ? null : employerContact.Trim(),
            });
            await db.SaveChangesAsync();
        }

        return Redirect("/organization");
    }

    public async Task<IActionResult> OnPostStaffAsync([TextField(TextLimits.Name)] string? staffName, [TextField(TextLimits.Contact)] string? staffEmail,
        [TextField(TextLimits.Password, Clean = false)] string? staffPassword, [TextField(TextLimits.Short)] string? role)
    {
        var chosenRole = role == AppClaims.OrgAdminRole ? AppClaims.OrgAdminRole : AppClaims.SpecialistRole;
        if (string.IsNullOrWhiteSpace(staffName) || string.IsNullOrWhiteSpace(staffEmail) || string.IsNullOrEmpty(staffPassword))
        {
            Error = "Please fill in every field.";
            await LoadAsync();
            return Page();
        }

        var user = new StaffUser { UserName = staffEmail.Trim(), Email = staffEmail.Trim(), EmailConfirmed = true, OrganizationId = User.OrganizationId(), DisplayName = staffName.Trim() };
        var created = await users.CreateAsync(user, staffPassword);
        if (!created.Succeeded)
        {
            Error = "The staff member could not be added: check the e-mail address and the password rules.";
            await LoadAsync();
            return Page();
        }

        await users.AddToRoleAsync(user, chosenRole);
        return Redirect("/organization");
    }

    private async Task LoadAsync()
    {
        var orgId = User.OrganizationId();
        var org = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == orgId);
        Name = org.Name;
        Did = keys.Identity(org).Did;
        Sites = await db.Sites.AsNoTracking().Where(s => s.OrganizationId == orgId).OrderBy(s => s.Name).ToListAsync();
        Employers = await db.Employers.AsNoTracking().Where(e => e.OrganizationId == orgId).OrderBy(e => e.Name).ToListAsync();
        var staff = await db.Users.AsNoTracking().Where(u => u.OrganizationId == orgId).OrderBy(u => u.DisplayName).ToListAsync();
        Staff = [];
        foreach (var member in staff)
        {
            var roles = await users.GetRolesAsync(member);
            Staff.Add(new StaffRow(member.DisplayName, member.Email ?? "", roles.FirstOrDefault() ?? AppClaims.SpecialistRole));
        }
    }
}
