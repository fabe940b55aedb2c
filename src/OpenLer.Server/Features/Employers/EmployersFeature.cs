using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Protection;
using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Demo;
using OpenLer.Server.Infrastructure.Printing;

namespace OpenLer.Server.Features.Employers;

/// <summary>
/// The employer half of the pilot (issue 12): employer companies and their users (invited by an organization, signed in
/// with an e-mail code into their own session scheme), vacancies built from O*NET occupations, applications (a share bound
/// to the vacancy; a job developer's suggestion the person must agree to), ranking that explains itself, outcomes, and
/// exports (LER-RS JSON, CSV, a printable PDF resume). Uses Account, Audit, Protection, Messaging, Issuance, Sharing,
/// Verify and Wallet; nothing uses it.
/// </summary>
public static class EmployersFeature
{
    public static IServiceCollection AddEmployers(this IServiceCollection services)
    {
        services.AddAuthentication().AddCookie(AppClaims.EmployerScheme);
        services.AddOptions<CookieAuthenticationOptions>(AppClaims.EmployerScheme).Configure<CookieNames, IOptions<DeploymentOptions>>((o, names, deployment) =>
        {
            o.LoginPath = "/employer/sign-in";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = names.Employer;
            o.Cookie.SecurePolicy = names.Policy;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = deployment.Value.Sessions.StaffAbsolute;
            o.SlidingExpiration = false;
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(AppClaims.EmployerPolicy, p => p.AddAuthenticationSchemes(AppClaims.EmployerScheme).RequireClaim(AppClaims.EmployerCompany));
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o => o.Conventions
            .AuthorizeFolder("/Employers/Portal", AppClaims.EmployerPolicy)
            .AuthorizeFolder("/Employers/Jobseekers", AppClaims.JobseekerPolicy)
            .AuthorizeFolder("/Employers/Placements", AppClaims.StaffPolicy)
            .AuthorizeFolder("/Employers/Partners", AppClaims.OrgAdminPolicy));

        services.AddScoped<EmployerRecords>();
        services.AddProtectedColumn<EmployerUser>(nameof(EmployerUser.NameCipher), u => FieldScope.Person(EmployerUser.Table, "Name", u.Id));
        services.AddProtectedColumn<EmployerUser>(nameof(EmployerUser.EmailCipher), u => FieldScope.Person(EmployerUser.Table, "Email", u.Id));
        services.AddProtectedColumn<JobApplication>(nameof(JobApplication.DisplayNameCipher), a => EmployerRecords.Where(a, "DisplayName"));
        services.AddProtectedColumn<JobApplication>(nameof(JobApplication.ContactCipher), a => EmployerRecords.Where(a, "Contact"));
        services.AddProtectedColumn<JobApplication>(nameof(JobApplication.SelfReportedCipher), a => EmployerRecords.Where(a, "SelfReported"));
        services.AddScoped<EmployerAccounts>();
        services.AddScoped<EmployerSignIn>();
        services.AddScoped<EmployerScope>();
        services.AddScoped<Vacancies>();
        services.AddScoped<Applications>();
        services.AddScoped<ApplicantMatching>();
        services.AddScoped<JobsForJobseekers>();
        services.AddScoped<LerRsExports>();
        services.AddScoped<Resumes>();
        services.TryAddSingleton<ChromiumPdf>();
        services.AddScoped<IDemoSeeder, EmployersDemo>();
        return services;
    }
}
