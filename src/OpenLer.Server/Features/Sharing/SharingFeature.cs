namespace OpenLer.Server.Features.Sharing;

/// <summary>Share links a jobseeker makes for employers, and the employer's page behind each link.</summary>
public static class SharingFeature
{
    public static IServiceCollection AddSharing(this IServiceCollection services) => services.AddScoped<ShareService>();
}
