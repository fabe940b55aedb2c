using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenLer.Server.Data;
using OpenLer.Server.Features.Account;
using OpenLer.Server.Features.Issuance;
using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Features.Verify;
using OpenLer.Server.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
var deployment = builder.Configuration.GetSection("OpenLer").Get<DeploymentOptions>() ?? new DeploymentOptions();
builder.Services.Configure<DeploymentOptions>(builder.Configuration.GetSection("OpenLer"));

// Logs: framework request logs carry URLs (share tokens) and route values; keep them at warnings. App logs name no person.
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = deployment.MaxRequestBytes);

// Cookies are Secure-only unless a plain-http local demo allows otherwise (OpenLer:AllowInsecureCookies, Development only).
var cookiePolicy = deployment.AllowInsecureCookies ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

// Storage: SQLite file in the data folder by default, PostgreSQL by configuration; migrations per provider.
var provider = builder.Configuration["Database:Provider"] ?? "Sqlite";
var connectionString = builder.Configuration["Database:ConnectionString"];
if (string.Equals(provider, "Postgres", StringComparison.OrdinalIgnoreCase))
{
    builder.Services.AddDbContext<AppDbContext, PostgresAppDbContext>(o => o.UseNpgsql(connectionString));
}
else
{
    var dataFolder = builder.Configuration["Database:DataFolder"] ?? Path.Combine(builder.Environment.ContentRootPath, "App_Data");
    Directory.CreateDirectory(dataFolder);
    builder.Services.AddDbContext<AppDbContext, SqliteAppDbContext>(o =>
        o.UseSqlite(connectionString ?? $"Data Source={Path.Combine(dataFolder, "openler.db")}"));
}

builder.Services.AddDataProtection().SetApplicationName("OpenLer").PersistKeysToDbContext<AppDbContext>();
builder.Services.AddSingleton(TimeProvider.System);

// Staff: ASP.NET Core Identity with passwords. Jobseekers: their own cookie, signed in with a one-time code.
builder.Services.AddIdentity<StaffUser, IdentityRole>(o =>
    {
        o.Password.RequiredLength = 10;
        o.Password.RequireNonAlphanumeric = false;
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.User.RequireUniqueEmail = true;
    })
    .AddEntityFrameworkStores<AppDbContext>()
    .AddClaimsPrincipalFactory<StaffClaimsFactory>();
builder.Services.ConfigureApplicationCookie(o =>
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
builder.Services.AddAuthentication(o =>
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
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(AppClaims.StaffPolicy, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireClaim(AppClaims.Organization))
    .AddPolicy(AppClaims.OrgAdminPolicy, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireClaim(AppClaims.Organization).RequireRole(AppClaims.OrgAdminRole))
    .AddPolicy(AppClaims.JobseekerPolicy, p => p.AddAuthenticationSchemes(AppClaims.JobseekerScheme).RequireClaim(AppClaims.Jobseeker));
builder.Services.AddAntiforgery(o =>
{
    o.Cookie.Name = "openler.af";
    o.Cookie.SecurePolicy = cookiePolicy;
});

// Localization: resx strings, language from the cookie (set by the picker and at sign-in from the profile).
builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
builder.Services.Configure<RequestLocalizationOptions>(o =>
{
    o.DefaultRequestCulture = new RequestCulture(Languages.Culture("en"));
    o.SupportedCultures = Languages.Cultures;
    o.SupportedUICultures = Languages.Cultures;
    o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
});

builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
    o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
builder.Services.AddRouting(o => o.LowercaseUrls = true);
builder.Services.AddRazorPages(o =>
{
    o.RootDirectory = "/Features";
    o.Conventions.AuthorizeFolder("/Programs", AppClaims.StaffPolicy);
    o.Conventions.AuthorizeFolder("/Issuance", AppClaims.StaffPolicy);
    o.Conventions.AuthorizeFolder("/Organizations", AppClaims.OrgAdminPolicy);
    o.Conventions.AuthorizeFolder("/Wallet", AppClaims.JobseekerPolicy);
    o.Conventions.AuthorizeFolder("/Sharing", AppClaims.JobseekerPolicy);
    o.Conventions.AllowAnonymousToPage("/Sharing/Open");
}).AddViewLocalization();

builder.Services.AddScoped<OrganizationKeys>();
builder.Services.AddScoped<CredentialIssuer>();
builder.Services.AddScoped<StatusListPublisher>();
builder.Services.AddScoped<DeploymentVerifier>();
builder.Services.AddScoped<CodeSignIn>();
builder.Services.AddScoped<ICodeSender, OutboxCodeSender>();
builder.Services.AddScoped<Caseload>();
builder.Services.AddScoped<OpenLer.Server.Features.Sharing.ShareService>();
builder.Services.AddScoped<DemoData>();

var app = builder.Build();

await using (var scope = app.Services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
    await db.Database.MigrateAsync();

    // Create the Data Protection key ring now (it is stored in the database), outside any later transaction.
    _ = scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector("OpenLer.Startup").Protect("ready");
    if (app.Services.GetRequiredService<IOptions<DeploymentOptions>>().Value.Demo)
    {
        await scope.ServiceProvider.GetRequiredService<DemoData>().EnsureAsync();
    }
}

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error/500");
    app.UseHsts();
}

app.UseStatusCodePagesWithReExecute("/error/{0}");
app.UseOpenLerSecurity(deployment.MaxRequestBytes);
app.UseStaticFiles();
app.UseRequestLocalization();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.MapRazorPages();
app.MapOrganizationEndpoints();
app.MapVerifyApi();
await app.RunAsync();

/// <summary>The web app's entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program;
