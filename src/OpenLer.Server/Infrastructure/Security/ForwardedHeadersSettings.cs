using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace OpenLer.Server.Infrastructure.Security;

/// <summary>
/// Which proxies may set <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>: addresses in
/// <c>OpenLer:ForwardedHeaders:KnownProxies</c> and networks (CIDR) in <c>OpenLer:ForwardedHeaders:KnownNetworks</c>,
/// each a list or a comma-separated value. Neither set: loopback only (a proxy on the same machine). Headers from any
/// other peer are ignored, so a client cannot choose its own address (for rate limits) or claim HTTPS.
/// </summary>
public static class ForwardedHeadersSettings
{
    public const string Section = "OpenLer:ForwardedHeaders";

    public static IServiceCollection AddOpenLerForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var (proxies, networks, _) = Read(configuration);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

            // Walk X-Forwarded-For from the right while the hop is a known proxy, however many there are.
            o.ForwardLimit = null;
            if (proxies.Count + networks.Count > 0)
            {
                o.KnownProxies.Clear();
                o.KnownIPNetworks.Clear();
                foreach (var proxy in proxies)
                {
                    o.KnownProxies.Add(proxy);
                }

                foreach (var network in networks)
                {
                    o.KnownIPNetworks.Add(network);
                }
            }
        });
        return services;
    }

    /// <summary>The configured proxies and networks, and a message per value that is not an address or a CIDR network.</summary>
    public static (List<IPAddress> Proxies, List<System.Net.IPNetwork> Networks, List<string> Problems) Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var proxies = new List<IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        var problems = new List<string>();
        foreach (var value in Values(section.GetSection("KnownProxies")))
        {
            if (IPAddress.TryParse(value, out var address))
            {
                proxies.Add(address);
            }
            else
            {
                problems.Add($"{Section}:KnownProxies: '{value}' is not an IP address.");
            }
        }

        foreach (var value in Values(section.GetSection("KnownNetworks")))
        {
            if (System.Net.IPNetwork.TryParse(value, out var network))
            {
                networks.Add(network);
            }
            else
            {
                problems.Add($"{Section}:KnownNetworks: '{value}' is not a network in CIDR form (e.g. 10.0.0.0/8).");
            }
        }

        return (proxies, networks, problems);
    }

    private static IEnumerable<string> Values(IConfigurationSection section)
    {
        var single = section.Value is { } value ? value.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries) : [];
        return single.Concat(section.GetChildren().Select(c => c.Value).OfType<string>().Select(v => v.Trim()).Where(v => v.Length > 0));
    }
}
