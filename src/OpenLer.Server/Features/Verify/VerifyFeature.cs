using OpenLer.Server.Infrastructure.Commands;

namespace OpenLer.Server.Features.Verify;

/// <summary>Checking any credential: the Verify page and <c>POST /api/verify</c>, with this deployment's trust list.</summary>
public static class VerifyFeature
{
    public static IServiceCollection AddVerify(this IServiceCollection services)
    {
        services.AddOptions<VerificationCacheOptions>().BindConfiguration(VerificationCacheOptions.Section);
        services.AddSingleton<VerificationCache>();
        services.AddSingleton<DeploymentDocuments>();
        services.AddScoped<CredentialPrograms>();
        services.AddServerCommand<VerifyCredentialsCommand>();
        return services.AddScoped<DeploymentVerifier>();
    }

    public static IEndpointRouteBuilder MapVerify(this IEndpointRouteBuilder app) => app.MapVerifyApi();
}
