using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account.Sessions;
using OpenLer.Server.Features.Protection;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Account;

/// <summary>
/// People and how they sign in: staff (Identity, passwords, TOTP for admins), jobseekers and employer users (one-time
/// codes; the employer scheme and its pages belong to the Employers feature). Every sign-in
/// is a server-side session (<see cref="SessionTicketStore"/>) behind a <c>__Host-</c> cookie.
/// </summary>
public static class AccountFeature
{
    /// <summary>PBKDF2-HMAC-SHA512 iterations for staff passwords (ASVS 11.4.2; above OWASP's 210,000 for SHA-512).</summary>
    public const int PasswordIterations = 600_000;

    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        var deployment = configuration.GetSection("OpenLer").Get<DeploymentOptions>() ?? new DeploymentOptions();
        var names = new CookieNames(deployment);
        services.AddSingleton(names);
        services.AddTransient<IStartupFilter, FreshSessionAtSignIn>();

        services.Configure<PasswordHasherOptions>(o =>
        {
            o.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
            o.IterationCount = PasswordIterations;
        });
        services.AddIdentity<StaffUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = false; // failures are counted per address by SignInThrottles instead
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/staff-sign-in";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = names.Staff;
            o.Cookie.SecurePolicy = names.Policy;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = deployment.Sessions.StaffAbsolute;
            o.SlidingExpiration = false;
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
        {
            o.Cookie.Name = names.TwoFactor;
            o.Cookie.SecurePolicy = names.Policy;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddSingleton<Microsoft.Extensions.Options.IPostConfigureOptions<CookieAuthenticationOptions>, SessionStoreSetup>();

        // The default scheme reads whichever person is signed in on this browser, so pages open to all (language picker, sign
        // out) see the same user as the page that rendered the form, and its antiforgery token matches.
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = "OpenLer";
                o.DefaultAuthenticateScheme = "OpenLer";
                o.DefaultChallengeScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddPolicyScheme("OpenLer", "Staff, jobseeker or employer", o => o.ForwardDefaultSelector = context =>
                context.Request.Cookies.ContainsKey(names.Staff) ? IdentityConstants.ApplicationScheme
                : context.Request.Cookies.ContainsKey(names.Wallet) ? AppClaims.JobseekerScheme
                : context.Request.Cookies.ContainsKey(names.Employer) ? AppClaims.EmployerScheme
                : IdentityConstants.ApplicationScheme)
            .AddCookie(AppClaims.JobseekerScheme, o =>
            {
                o.LoginPath = "/account/sign-in";
                o.AccessDeniedPath = "/account/denied";
                o.Cookie.Name = names.Wallet;
                o.Cookie.SecurePolicy = names.Policy;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.ExpireTimeSpan = deployment.Sessions.JobseekerAbsolute;
                o.SlidingExpiration = false;
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(AppClaims.StaffPolicy, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireClaim(AppClaims.Organization))
            .AddPolicy(AppClaims.OrgAdminPolicy, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireClaim(AppClaims.Organization).RequireRole(AppClaims.OrgAdminRole))
            .AddPolicy(AppClaims.JobseekerPolicy, p => p.AddAuthenticationSchemes(AppClaims.JobseekerScheme).RequireClaim(AppClaims.Jobseeker));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = names.Antiforgery;
            o.Cookie.SecurePolicy = names.Policy;
        });
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o =>
        {
            o.Conventions
                .AuthorizeFolder("/Programs", AppClaims.StaffPolicy)
                .AuthorizeFolder("/Issuance", AppClaims.StaffPolicy)
                .AuthorizeFolder("/Organizations", AppClaims.OrgAdminPolicy)
                .AuthorizeFolder("/Wallet", AppClaims.JobseekerPolicy)
                .AuthorizeFolder("/Sharing", AppClaims.JobseekerPolicy)
                .AllowAnonymousToPage("/Sharing/Open")
                .AuthorizePage("/Account/Password", AppClaims.StaffPolicy)
                .AuthorizePage("/Account/TwoFactor", AppClaims.StaffPolicy);
        });
        services.AddMvcCore(o => o.Filters.Add<StaffGuardFilter>());

        services.AddScoped<IAccountMessages, QueuedAccountMessages>();
        services.AddScoped<People>();
        services.AddScoped<PersonNotices>();
        services.AddScoped<SignInThrottles>();
        services.AddScoped<OneTimeCodes>();
        services.AddScoped<CodeSignIn>();
        services.AddScoped<StaffSignIn>();
        services.AddScoped<SessionService>();
        services.AddScoped<WalletKeys>();
        services.AddProtectedColumn<Jobseeker>(nameof(Jobseeker.NameCipher), j => People.Where(j.Id, "Name"));
        services.AddProtectedColumn<Jobseeker>(nameof(Jobseeker.ContactCipher), j => People.Where(j.Id, "Contact"));
        services.AddProtectedColumn<WalletKey>(nameof(WalletKey.PrivateKeyCipher), WalletKeys.Where);
        services.AddHostedService<AccountHousekeeping>();
        services.AddScoped<Infrastructure.IStartupStep, LegacyAccountUpgrade>();
        services.AddScoped<Infrastructure.IStartupStep, PhoneRenormalization>();
        return services;
    }
}
