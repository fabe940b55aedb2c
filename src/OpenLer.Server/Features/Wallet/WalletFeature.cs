namespace OpenLer.Server.Features.Wallet;

/// <summary>The jobseeker's wallet: their credentials, self-reported experience, downloads.</summary>
public static class WalletFeature
{
    public static IServiceCollection AddWallet(this IServiceCollection services) => services;
}
