using System.Net;
using System.Net.Sockets;

namespace OpenLer.Credentials.Dids;

/// <summary>
/// Which addresses a server-side fetch may reach (SECURITY.md CP-20, WA-04): only public unicast addresses unless the
/// operator allows private networks. Loopback, private (RFC 1918, RFC 4193), link-local (incl. cloud metadata
/// 169.254.169.254), CGNAT, unspecified, multicast, broadcast and their IPv4-mapped IPv6 forms are refused.
/// </summary>
public static class IpAddressPolicy
{
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> b = stackalloc byte[4];
            address.TryWriteBytes(b, out _);
            return !(b[0] == 0                                   // 0.0.0.0/8 "this network"
                || b[0] == 10                                     // 10/8 private
                || b[0] == 127                                    // loopback
                || (b[0] == 100 && (b[1] & 0xC0) == 64)           // 100.64/10 CGNAT
                || (b[0] == 169 && b[1] == 254)                   // link-local, cloud metadata
                || (b[0] == 172 && (b[1] & 0xF0) == 16)           // 172.16/12 private
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)        // 192.0.0/24 IETF protocol assignments
                || (b[0] == 192 && b[1] == 168)                   // 192.168/16 private
                || (b[0] == 198 && (b[1] & 0xFE) == 18)           // 198.18/15 benchmarking
                || b[0] >= 224);                                  // multicast, reserved, broadcast
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (IPAddress.IPv6Loopback.Equals(address) || IPAddress.IPv6None.Equals(address) || IPAddress.IPv6Any.Equals(address))
            {
                return false;
            }

            Span<byte> b = stackalloc byte[16];
            address.TryWriteBytes(b, out _);
            return !((b[0] & 0xFE) == 0xFC                       // fc00::/7 unique local
                || (b[0] == 0xFE && (b[1] & 0xC0) == 0x80)       // fe80::/10 link-local
                || (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0)       // fec0::/10 site-local (deprecated)
                || b[0] == 0xFF                                   // multicast
                || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8) // documentation
                || (b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == 0 && b[4] == 0 && b[5] == 0
                    && b[6] == 0 && b[7] == 0 && b[8] == 0 && b[9] == 0 && b[10] == 0 && b[11] == 0)); // ::/96 IPv4-compatible
        }

        return false;
    }
}
