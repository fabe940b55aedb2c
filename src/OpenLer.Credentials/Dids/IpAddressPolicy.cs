using System.Net;
using System.Net.Sockets;

namespace OpenLer.Credentials.Dids;

/// <summary>
/// Which addresses a server-side fetch may reach (SECURITY.md CP-20, WA-04): only public unicast addresses unless the
/// operator allows private networks. Loopback, private (RFC 1918, RFC 4193), link-local (incl. cloud metadata
/// 169.254.169.254), CGNAT, unspecified, multicast, broadcast, the IANA special-purpose and documentation ranges
/// (RFC 6890, RFC 5737, RFC 3849) and every IPv6 form that carries an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64
/// RFC 6052/8215, 6to4 RFC 3056, Teredo RFC 4380) are refused; an embedded IPv4 address is judged as IPv4.
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
            return IsPublicIPv4(b);
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (IPAddress.IPv6Loopback.Equals(address) || IPAddress.IPv6None.Equals(address) || IPAddress.IPv6Any.Equals(address))
            {
                return false;
            }

            Span<byte> b = stackalloc byte[16];
            address.TryWriteBytes(b, out _);
            if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B)
            {
                // 64:ff9b::/96 NAT64 well-known prefix: the IPv4 address is the last 32 bits; 64:ff9b:1::/48 is local-use.
                return b[4] == 0 && b[5] == 0 && b[6..12].IndexOfAnyExcept((byte)0) < 0 && IsPublicIPv4(b[12..]);
            }

            if (b[0] == 0x20 && b[1] == 0x02)
            {
                // 2002::/16 6to4: bits 16-47 are an IPv4 address.
                return IsPublicIPv4(b[2..6]);
            }

            return !((b[0] & 0xFE) == 0xFC                       // fc00::/7 unique local
                || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) // 2001::/32 Teredo (tunnels to any IPv4)
                || (b[0] == 0x01 && b[1] == 0 && b[2..8].IndexOfAnyExcept((byte)0) < 0) // 100::/64 discard-only
                || (b[0] == 0xFE && (b[1] & 0xC0) == 0x80)       // fe80::/10 link-local
                || (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0)       // fec0::/10 site-local (deprecated)
                || b[0] == 0xFF                                   // multicast
                || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8) // documentation
                || (b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == 0 && b[4] == 0 && b[5] == 0
                    && b[6] == 0 && b[7] == 0 && b[8] == 0 && b[9] == 0 && b[10] == 0 && b[11] == 0)); // ::/96 IPv4-compatible
        }

        return false;
    }

    private static bool IsPublicIPv4(ReadOnlySpan<byte> b) =>
        !(b[0] == 0                                       // 0.0.0.0/8 "this network"
            || b[0] == 10                                 // 10/8 private
            || b[0] == 127                                // loopback
            || (b[0] == 100 && (b[1] & 0xC0) == 64)       // 100.64/10 CGNAT
            || (b[0] == 169 && b[1] == 254)               // link-local, cloud metadata
            || (b[0] == 172 && (b[1] & 0xF0) == 16)       // 172.16/12 private
            || (b[0] == 192 && b[1] == 0 && b[2] == 0)    // 192.0.0/24 IETF protocol assignments
            || (b[0] == 192 && b[1] == 0 && b[2] == 2)    // 192.0.2/24 TEST-NET-1 (documentation)
            || (b[0] == 192 && b[1] == 88 && b[2] == 99)  // 192.88.99/24 6to4 relay anycast (deprecated)
            || (b[0] == 192 && b[1] == 168)               // 192.168/16 private
            || (b[0] == 198 && (b[1] & 0xFE) == 18)       // 198.18/15 benchmarking
            || (b[0] == 198 && b[1] == 51 && b[2] == 100) // 198.51.100/24 TEST-NET-2
            || (b[0] == 203 && b[1] == 0 && b[2] == 113)  // 203.0.113/24 TEST-NET-3
            || b[0] >= 224);                              // multicast, reserved, broadcast
}
