using OpenLer.Server.Data;
using OpenLer.Server.Features.Protection;

namespace OpenLer.Server.Features.Wallet;

/// <summary>The jobseeker's wallet: their credentials, holder keys, self-reported experience, downloads.</summary>
public static class WalletFeature
{
    public static IServiceCollection AddWallet(this IServiceCollection services)
    {
        services.AddScoped<SelfReportedRecords>();
        services.AddProtectedColumn<SelfReportedExperience>(nameof(SelfReportedExperience.DescriptionCipher), SelfReportedRecords.Where);
        services.AddScoped<Infrastructure.IStartupStep, LegacyWalletUpgrade>();
        return services;
    }
}
