using System.Security.Cryptography;
using OpenLer.Credentials.Protocols;
using OpenLer.Server.Features.Protection;

namespace OpenLer.Server.Features.Wallets;

/// <summary>
/// Wallets people already use: one offer (QR / interaction URL) per credential that the DCC Learner Credential Wallet takes by
/// the VC-API exchange and OpenID4VCI wallets (1.0 and draft 13) by the pre-authorized code flow with a transaction code.
/// </summary>
public static class WalletsFeature
{
    public static IServiceCollection AddWallets(this IServiceCollection services)
    {
        services.AddSingleton(_ => new ProtocolRandom(RandomNumberGenerator.Create()));
        services.AddScoped<WalletAddresses>();
        services.AddScoped<OfferService>();
        services.AddProtectedColumn<WalletOffer>(nameof(WalletOffer.TokenCipher), OfferService.Where);
        services.AddScoped<OfferJson>();
        services.AddScoped<OfferDelivery>();
        services.AddScoped<IssuerMetadataBuilder>();
        services.AddScoped<Oid4VciIssuer>();
        services.AddScoped<VcApiExchange>();
        services.AddScoped<Infrastructure.Demo.IDemoSeeder, WalletsDemo>();
        return services;
    }

    public static IEndpointRouteBuilder MapWallets(this IEndpointRouteBuilder app) => app.MapWalletEndpoints();
}
