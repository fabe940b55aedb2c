using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Privacy;

/// <summary>A person's rights over their data: consents (withdraw), a download of everything held about them, account deletion.</summary>
public static class PrivacyFeature
{
    public static IServiceCollection AddPrivacy(this IServiceCollection services)
    {
        services.AddScoped<PersonalDataExport>();
        services.AddScoped<AccountDeletion>();
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o => o.Conventions
            .AuthorizeFolder("/Privacy", AppClaims.JobseekerPolicy)
            .AllowAnonymousToPage("/Privacy/Deleted"));
        return services;
    }
}
