using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Features.Sharing;
using OpenLer.Server.Infrastructure.Demo;

namespace OpenLer.Server.Infrastructure;

/// <summary>
/// The demo's core (OpenLer:Demo=true): an IRC organization (Tucson, Des Moines), a program with skills, staff, three
/// jobseekers with credentials and an employer, and how to sign in as each. Demo passwords are printed, never logged.
/// </summary>
public sealed class DemoData(
    AppDbContext db, OrganizationKeys organizations, UserManager<StaffUser> users, RoleManager<IdentityRole> roles,
    Caseload caseload, CredentialIssuer issuer, ShareService shares, People people, TimeProvider time) : IDemoSeeder
{
    public const string OrganizationSlug = "irc";
    public const string Password = "Demo-password-1";
    public const string AdminEmail = "admin@irc.demo";
    public const string SpecialistEmail = "specialist@irc.demo";
    public static readonly string[] JobseekerContacts = ["amina@example.org", "+15205550142", "dawit@example.org"];

    public int Order => 0;

    public async Task SeedAsync(DemoContext context, bool firstRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await EnsureRolesAsync(roles);
        var org = await db.Organizations.FirstOrDefaultAsync(o => o.Slug == OrganizationSlug, cancellationToken);
        if (org is null)
        {
            await using var transaction = await db.Database.BeginOrJoinAsync(cancellationToken);
            org = await organizations.CreateAsync("International Rescue Committee", OrganizationSlug, ["IRC Tucson", "IRC Des Moines"], cancellationToken);
            var sites = await db.Sites.Where(s => s.OrganizationId == org.Id).OrderBy(s => s.Name).ToListAsync(cancellationToken);
            var desMoines = sites.First(s => s.Name.Contains("Des Moines", StringComparison.Ordinal));
            var tucson = sites.First(s => s.Name.Contains("Tucson", StringComparison.Ordinal));
            var admin = await CreateStaffAsync(users, org.Id, tucson.Id, AdminEmail, "Grace Okafor", AppClaims.OrgAdminRole, Password);
            await EnableSecondFactorAsync(users, admin);
            await CreateStaffAsync(users, org.Id, desMoines.Id, SpecialistEmail, "Luis Romero", AppClaims.SpecialistRole, Password);

            var program = new AchievementProgram
            {
                Id = Guid.NewGuid(),
                OrganizationId = org.Id,
                Name = "Job Readiness",
                Description = "Completed the IRC job-readiness program: workplace communication, safety, interviews and U.S. workplace culture.",
                Criteria = "Attended at least 80% of the 6-week program and completed a mock interview.",
                Alignments = "2.A.1.b\n2.A.1.d\n2.B.1.f\n2.B.5.a\n53-7065.00\n35-2021.00",
                RecordsEnglishLevel = true,
                CreatedAt = time.GetUtcNow().UtcDateTime,
            };
            db.Programs.Add(program);
            db.Employers.Add(new Employer { Id = Guid.NewGuid(), OrganizationId = org.Id, Name = "Desert Logistics", ContactName = "Hiring team" });
            await db.SaveChangesAsync(cancellationToken);

            string[] names = ["Amina Yusuf", "Farid Ahmadi", "Dawit Bekele"];
            string[] languages = ["en", "ar", "es"];
            string[] levels = ["B1", "A2", "B2"];
            for (var i = 0; i < names.Length; i++)
            {
                var client = (await caseload.AddClientAsync(org.Id, i == 2 ? desMoines.Id : tucson.Id, names[i], JobseekerContacts[i], languages[i], cancellationToken)).Client!;
                var enrollment = await caseload.EnrollAsync(org.Id, client.Id, program.Id, "2026 Autumn", cancellationToken);
                await caseload.CompleteAsync(org.Id, enrollment!.Id, "Attended 23 of 24 sessions; mock interview passed.", levels[i], cancellationToken);
                await issuer.IssueAsync(org.Id, enrollment.Id, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        // A fresh share link from the first jobseeker to the demo employer at every start (the token is shown only now).
        var amina = (await people.FindAsync(Contacts.Normalize(JobseekerContacts[0])!, cancellationToken))!;
        var credentialIds = await db.Credentials.Where(c => c.JobseekerId == amina.Id && c.SourceCredentialId == null).Select(c => c.Id).ToListAsync(cancellationToken);
        var share = await shares.CreateAsync(amina.Id, credentialIds, ShareService.DefaultDays, "Desert Logistics (demo)", cancellationToken);
        var baseUrl = context.BaseUrl;
        context.Items["org"] = org;
        context.Say("Staff", $"Organization admin, IRC Tucson: {AdminEmail} / {Password}, then the second step (demo mode shows the code) -> {baseUrl}/account/staff-sign-in");
        context.Say("Staff", $"Employment specialist, IRC Des Moines: {SpecialistEmail} / {Password}");
        context.Say("Jobseekers", $"Sign in with a one-time code (demo mode shows the code on screen): {string.Join(", ", JobseekerContacts)} -> {baseUrl}/account/sign-in");
        context.Say("Employer", $"Desert Logistics (no account): open {baseUrl}/s/{share?.Token}");
        context.Say("Anyone", $"Verify any credential: {baseUrl}/verify");
    }

    /// <summary>Turns on the second step (TOTP) for a staff member with a new authenticator key; returns the key.</summary>
    public static async Task<string> EnableSecondFactorAsync(UserManager<StaffUser> users, StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(users);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    public static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        foreach (var role in AppClaims.StaffRoles)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    public static async Task<StaffUser> CreateStaffAsync(UserManager<StaffUser> users, Guid organizationId, Guid? siteId, string email, string name, string role, string password)
    {
        ArgumentNullException.ThrowIfNull(users);
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, OrganizationId = organizationId, SiteId = siteId, DisplayName = name, LockoutEnabled = false };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("Could not create a staff user: " + string.Join("; ", created.Errors.Select(e => e.Code)));
        }

        await users.AddToRoleAsync(user, role);
        return user;
    }
}
