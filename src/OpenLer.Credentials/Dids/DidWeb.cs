using System.Globalization;
using System.Net;
using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Dids;

/// <summary>
/// did:web ↔ URL (did:web Method Specification §3.2): <c>did:web:example.com</c> → https://example.com/.well-known/did.json,
/// <c>did:web:example.com:orgs:irc</c> → https://example.com/orgs/irc/did.json, a port as <c>%3A</c>.
/// </summary>
public static class DidWeb
{
    /// <summary>The did:web for a host (with optional port) and optional path ("/orgs/irc-tucson").</summary>
    public static string For(string host, string? path = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        var did = "did:web:" + host.Replace(":", "%3A", StringComparison.Ordinal);
        if (!string.IsNullOrEmpty(path))
        {
            foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                did += ":" + Uri.EscapeDataString(segment);
            }
        }

        return did;
    }

    /// <summary>The https URL of the DID document; refuses malformed ids, dot segments and (unless allowed) non-public IP literals.</summary>
    public static Outcome<Uri> DocumentUrl(string did, bool allowPrivateNetworks = false)
    {
        ArgumentNullException.ThrowIfNull(did);
        if (!did.StartsWith("did:web:", StringComparison.Ordinal) || did.Length > 2048)
        {
            return Outcome.Error(ErrorCodes.InvalidDid, "Not a did:web.");
        }

        var parts = did[8..].Split(':');
        var hostPart = Uri.UnescapeDataString(parts[0]);
        string host;
        int? port = null;
        var colon = hostPart.LastIndexOf(':');
        if (hostPart.StartsWith('[') && hostPart.Contains(']', StringComparison.Ordinal))
        {
            var close = hostPart.IndexOf(']', StringComparison.Ordinal);
            host = hostPart[..(close + 1)];
            if (close + 1 < hostPart.Length)
            {
                if (hostPart[close + 1] != ':' || !TryPort(hostPart[(close + 2)..], out var p))
                {
                    return Outcome.Error(ErrorCodes.InvalidDid, "Invalid did:web host.");
                }

                port = p;
            }
        }
        else if (colon >= 0)
        {
            host = hostPart[..colon];
            if (!TryPort(hostPart[(colon + 1)..], out var p))
            {
                return Outcome.Error(ErrorCodes.InvalidDid, "Invalid did:web port.");
            }

            port = p;
        }
        else
        {
            host = hostPart;
        }

        host = host.TrimEnd('.').ToLowerInvariant();
        if (host.Length == 0 || Uri.CheckHostName(host.Trim('[', ']')) == UriHostNameType.Unknown)
        {
            return Outcome.Error(ErrorCodes.InvalidDid, "Invalid did:web host.");
        }

        if (!allowPrivateNetworks && IsForbiddenHost(host))
        {
            return Outcome.Error(ErrorCodes.ForbiddenNetworkAddress,
                "did:web points at a loopback, private or link-local address; refused.");
        }

        var path = new List<string>();
        for (var i = 1; i < parts.Length; i++)
        {
            var segment = Uri.UnescapeDataString(parts[i]);
            if (segment.Length == 0 || segment is "." or ".." || segment.IndexOfAny(['/', '\\', '?', '#']) >= 0)
            {
                return Outcome.Error(ErrorCodes.InvalidDid, "Invalid did:web path segment.");
            }

            path.Add(Uri.EscapeDataString(segment));
        }

        var authority = port is { } pt ? $"{host}:{pt.ToString(CultureInfo.InvariantCulture)}" : host;
        var url = path.Count == 0
            ? $"https://{authority}/.well-known/did.json"
            : $"https://{authority}/{string.Join('/', path)}/did.json";
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            ? uri
            : Outcome.Error(ErrorCodes.InvalidDid, "Invalid did:web.");
    }

    private static bool TryPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and < 65536;

    /// <summary>IP literals that are not public, and names that always mean this machine (any case, with or without the root's dot).</summary>
    internal static bool IsForbiddenHost(string host)
    {
        host = host.TrimEnd('.');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out var ip) && !IpAddressPolicy.IsPublic(ip);
    }
}
