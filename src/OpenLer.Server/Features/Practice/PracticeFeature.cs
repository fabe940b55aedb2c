using Microsoft.AspNetCore.Identity;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Practice;

/// <summary>
/// The practice space (issue 15): a shadow organization per organization for staff training, switched on from the staff
/// menu, shown with a band and the word "Practice" on every page, reset with one click.
/// </summary>
public static class PracticeFeature
{
    public static IServiceCollection AddPractice(this IServiceCollection services)
    {
        services.AddScoped<PracticeSpaces>();
        services.AddMvcCore(o => o.Filters.Add<PracticeGuardFilter>());
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            var earlier = o.OnRefreshingPrincipal;
            o.OnRefreshingPrincipal = async context =>
            {
                if (earlier is not null)
                {
                    await earlier(context);
                }

                await PracticeSwitch.KeepOnRefresh(context);
            };
        });
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Practice", AppClaims.StaffPolicy));
        return services;
    }
}
