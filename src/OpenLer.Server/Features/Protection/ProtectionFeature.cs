using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Protection;

/// <summary>Field encryption and blind indexes for personal and protected data, with per-organization keys and rotation.</summary>
public static class ProtectionFeature
{
    public static IServiceCollection AddProtection(this IServiceCollection services)
    {
        services.AddSingleton<DataKeyRing>();
        services.AddScoped<FieldProtector>();
        services.AddScoped<IStartupStep, DataKeysStartup>();
        return services;
    }
}
