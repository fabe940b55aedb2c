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
        services.AddSingleton<OrganizationStamps>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(sp => sp.GetRequiredService<OrganizationStamps>());
        services.AddOrganizationStamp<OrganizationKey>(k => k.OrganizationId, onAddOrDelete: true);
        return services;
    }

    /// <summary>
    /// Registers a change of <typeparamref name="T"/> that alters how this organization's credentials verify: any of
    /// <paramref name="properties"/> modified (any property when none are named), or the row added or deleted when
    /// <paramref name="onAddOrDelete"/>. Each such save replaces the organization's stamp (<see cref="OrganizationStamps"/>).
    /// </summary>
    public static IServiceCollection AddOrganizationStamp<T>(this IServiceCollection services, Func<T, Guid> organization, bool onAddOrDelete = false, params string[] properties)
        where T : class => services.AddSingleton<IStampRule>(new StampRule<T>(organization, onAddOrDelete, properties));

    public static IEndpointRouteBuilder MapOrganizations(this IEndpointRouteBuilder app) => app.MapOrganizationEndpoints();
}
