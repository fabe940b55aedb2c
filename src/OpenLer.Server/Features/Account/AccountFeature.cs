using Microsoft.AspNetCore.Identity;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Account;

/// <summary>People and how they sign in: staff (Identity, passwords), jobseekers (one-time codes), their cookies and policies.</summary>
public static class AccountFeature
{
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        var deployment = configuration.GetSection("OpenLer").Get<DeploymentOptions>() ?? new DeploymentOptions();

        // Cookies are Secure-only unless a plain-http local demo allows otherwise (OpenLer:AllowInsecureCookies, Development only).
        var cookiePolicy = deployment.AllowInsecureCookies ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        services.AddIdentity<StaffUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/staff-sign-in";
            o.AccessDeniedPath = "/account/staff-sign-in";
            o.Cookie.Name = "openler.staff";
            o.Cookie.SecurePolicy = cookiePolicy;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
        });

        // The default scheme reads whichever person is signed in on this browser, so pages open to all (language picker, sign
        // out) see the same user as the page that rendered the form, and its antiforgery token matches.
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = "OpenLer";
                o.DefaultAuthenticateScheme = "OpenLer";
                o.DefaultChallengeScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddPolicyScheme("OpenLer", "Staff or jobseeker", o => o.ForwardDefaultSelector = context =>
                !context.Request.Cookies.ContainsKey("openler.staff") && context.Request.Cookies.ContainsKey("openler.wallet")
                    ? AppClaims.JobseekerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddCookie(AppClaims.JobseekerScheme, o =>
            {
                o.LoginPath = "/account/sign-in";
                o.AccessDeniedPath = "/account/sign-in";
                o.Cookie.Name = "openler.wallet";
                o.Cookie.SecurePolicy = cookiePolicy;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(AppClaims.StaffPolicy, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireClaim(AppClaims.Organization))
            .AddPolicy(AppClaims.OrgAdminPolicy, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireClaim(AppClaims.Organization).RequireRole(AppClaims.OrgAdminRole))
            .AddPolicy(AppClaims.JobseekerPolicy, p => p.AddAuthenticationSchemes(AppClaims.JobseekerScheme).RequireClaim(AppClaims.Jobseeker));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "openler.af";
            o.Cookie.SecurePolicy = cookiePolicy;
        });
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o => o.Conventions
            .AuthorizeFolder("/Programs", AppClaims.StaffPolicy)
            .AuthorizeFolder("/Issuance", AppClaims.StaffPolicy)
            .AuthorizeFolder("/Organizations", AppClaims.OrgAdminPolicy)
            .AuthorizeFolder("/Wallet", AppClaims.JobseekerPolicy)
            .AuthorizeFolder("/Sharing", AppClaims.JobseekerPolicy)
            .AllowAnonymousToPage("/Sharing/Open"));

        services.AddScoped<CodeSignIn>();
        services.AddScoped<ICodeSender, OutboxCodeSender>();
        return services;
    }
}
