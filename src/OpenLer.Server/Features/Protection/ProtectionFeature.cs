using OpenLer.Server.Infrastructure;
using OpenLer.Server.Infrastructure.Commands;

namespace OpenLer.Server.Features.Protection;

/// <summary>Field encryption and blind indexes for personal and protected data, with per-organization keys and rotation.</summary>
public static class ProtectionFeature
{
    public static IServiceCollection AddProtection(this IServiceCollection services)
    {
        services.AddSingleton<DataKeyRing>();
        services.AddScoped<FieldProtector>();
        services.AddScoped<IStartupStep, DataKeysStartup>();
        services.AddScoped<KeyRotation>();
        services.AddServerCommand<ProtectionRotateCommand>();
        return services;
    }

    /// <summary>Registers a column that holds field ciphertext (for key rotation and the check that none was forgotten).</summary>
    public static IServiceCollection AddProtectedColumn<T>(this IServiceCollection services, string property, Func<T, FieldScope> where)
        where T : class => services.AddSingleton<IProtectedColumn>(new ProtectedColumn<T>(property, where));
}
