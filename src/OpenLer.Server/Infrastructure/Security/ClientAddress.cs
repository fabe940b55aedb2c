using System.Net;
using System.Net.Sockets;

namespace OpenLer.Server.Infrastructure.Security;

/// <summary>
/// The client's address as rate limits see it: the connection's remote address after the forwarded-headers middleware
/// (which replaces it only for requests from a known proxy). An IPv6 client counts by its /64 prefix, the block one
/// subscriber gets, so that rotating addresses inside it does not reset a limit.
/// </summary>
public static class ClientAddress
{
    public static string PartitionKey(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
