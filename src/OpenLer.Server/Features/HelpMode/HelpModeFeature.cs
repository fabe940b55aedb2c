using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.HelpMode;

/// <summary>
/// "Help a client on this device" (issue 15): a caseworker starts it on their own device, the client consents and signs in
/// there with their own code, a banner shows on every page, and one tap finishes it and signs the client out for good.
/// </summary>
public static class HelpModeFeature
{
    public static IServiceCollection AddHelpMode(this IServiceCollection services)
    {
        services.AddScoped<HelpModeService>();
        services.AddSingleton<HelpModeHousekeeping>();
        services.AddHostedService(s => s.GetRequiredService<HelpModeHousekeeping>());
        services.AddTransient<IStartupFilter, HelpModeGate>();
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, HelpModeSignIn>();
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o => o.Conventions
            .AuthorizePage("/HelpMode/Start", AppClaims.StaffPolicy));
        return services;
    }
}
