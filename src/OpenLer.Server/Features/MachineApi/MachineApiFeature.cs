namespace OpenLer.Server.Features.MachineApi;

/// <summary>The W3C VC API for an organization's systems, behind API keys its admins make and revoke on the organization page.</summary>
public static class MachineApiFeature
{
    public static IServiceCollection AddMachineApi(this IServiceCollection services)
    {
        services.AddScoped<ApiKeys>();
        services.AddScoped<ApiGate>();
        services.AddSingleton<ApiRateLimiter>();
        return services;
    }

    public static IEndpointRouteBuilder MapMachineApi(this IEndpointRouteBuilder app) => app.MapVcApi();
}
