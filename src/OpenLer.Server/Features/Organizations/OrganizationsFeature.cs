using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Demo;

namespace OpenLer.Server.Features.Organizations;

/// <summary>Organizations, their sites, issuer keys and published addresses (did:web, status lists).</summary>
public static class OrganizationsFeature
{
    public static IServiceCollection AddOrganizations(this IServiceCollection services)
    {
        services.AddScoped<OrganizationKeys>();
        services.AddScoped<StaffAdmin>();
        services.AddScoped<IStartupStep, Bootstrap>();
        services.AddScoped<IDemoSeeder, DemoData>();
        return services;
    }

    public static IEndpointRouteBuilder MapOrganizations(this IEndpointRouteBuilder app) => app.MapOrganizationEndpoints();
}
