namespace OpenLer.Server.Features.Guides;

/// <summary>
/// Step-by-step guides for staff tasks (issue 15). They hold nothing secret and are public, so trainers can print them
/// without signing in; every text is a localized string and every button a guide names is the real page's own string.
/// </summary>
public static class GuidesFeature
{
    public static IServiceCollection AddGuides(this IServiceCollection services)
    {
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o => o.Conventions.AllowAnonymousToFolder("/Guides"));
        return services;
    }
}
