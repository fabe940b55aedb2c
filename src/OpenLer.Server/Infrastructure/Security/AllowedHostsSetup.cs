using Microsoft.AspNetCore.HostFiltering;

namespace OpenLer.Server.Infrastructure.Security;

/// <summary>
/// Host filtering (a request for another Host answers 400): <c>AllowedHosts</c> from configuration as ASP.NET Core
/// reads it; when it is left at "*" and <c>OpenLer:PublicHost</c> is set, only that host (without its port) is allowed,
/// so links, cookies and did:web identifiers are never built for a host an attacker chose.
/// </summary>
public static class AllowedHostsSetup
{
    public static IServiceCollection AddOpenLerAllowedHosts(this IServiceCollection services, IConfiguration configuration)
    {
        var publicHost = configuration["OpenLer:PublicHost"];
        if (string.IsNullOrWhiteSpace(publicHost))
        {
            return services;
        }

        // Registered after the web host's own PostConfigure (which reads AllowedHosts), so it sees its result.
        services.PostConfigure<HostFilteringOptions>(o =>
        {
            if (o.AllowedHosts is null || o.AllowedHosts.Count == 0 || o.AllowedHosts is [ "*" ])
            {
                o.AllowedHosts = [HostOf(publicHost)];
            }
        });
        return services;
    }

    /// <summary>"ler.example.org:8443" → "ler.example.org"; "[::1]:8443" → "[::1]".</summary>
    public static string HostOf(string publicHost)
    {
        ArgumentNullException.ThrowIfNull(publicHost);
        var host = publicHost.Trim().TrimEnd('/');
        return HostString.FromUriComponent(host).Host;
    }
}
