namespace OpenLer.Server.Features.Reports;

/// <summary>Pilot reporting: the funnel per site, program, cohort, language and month, for admins and (by key) funders.</summary>
public static class ReportsFeature
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddScoped<PilotReports>();
        services.AddScoped<ReportSnapshots>();
        services.AddSingleton<ReportRefresher>();
        services.AddScoped<ReportKeys>();
        services.AddScoped<Infrastructure.Demo.IDemoSeeder, ReportsDemo>();
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o => o.Conventions.AuthorizeFolder("/Reports", Infrastructure.AppClaims.OrgAdminPolicy));
        return services;
    }

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app) => app.MapReportApi();
}
