namespace OpenLer.Credentials.Dids;

/// <summary>Limits for did:web resolution (SECURITY.md CP-20: https only, public addresses, no redirects, 100 KB, 5 s).</summary>
public sealed record DidWebOptions
{
    public int MaxDocumentBytes { get; init; } = 100 * 1024;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Allow loopback / private / link-local hosts (development and tests only).</summary>
    public bool AllowPrivateNetworks { get; init; }
}
