using OpenLer.Server.Data;
using OpenLer.Server.Features.Protection;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Sharing;

/// <summary>Share links a jobseeker makes for employers, and the employer's page behind each link.</summary>
public static class SharingFeature
{
    public static IServiceCollection AddSharing(this IServiceCollection services)
    {
        services.AddScoped<ShareService>();
        services.AddScoped<HolderShares>();
        services.AddScoped<SharedWorkAuthorization>();
        services.AddScoped<SharedCredentials>();
        services.AddSingleton<ShareOpenNotices>();
        services.AddSingleton<ShareOpenLog>();
        services.AddHostedService(s => s.GetRequiredService<ShareOpenLog>());
        services.AddScoped<IStartupStep, LegacySharingUpgrade>();
        services.AddScoped<Infrastructure.Demo.IDemoSeeder, DemoShare>();
        services.AddProtectedColumn<Share>(nameof(Share.LabelCipher), ShareService.LabelWhere);
        services.AddProtectedColumn<Share>(nameof(Share.TokenCipher), ShareService.TokenWhere);
        services.AddProtectedColumn<ShareItem>(nameof(ShareItem.PresentationCipher), ShareService.PresentationWhere);
        return services;
    }
}
