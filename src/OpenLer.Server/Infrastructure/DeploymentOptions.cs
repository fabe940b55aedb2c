namespace OpenLer.Server.Infrastructure;

/// <summary>Deployment settings (section "OpenLer").</summary>
public sealed class DeploymentOptions
{
    /// <summary>The public host name (and port), e.g. "ler.example.org". When set, issuers are did:web under it.</summary>
    public string? PublicHost { get; set; }

    /// <summary>The base URL used in links and status list URLs when no public host is set.</summary>
    public string LocalBaseUrl { get; set; } = "http://localhost:5000";

    /// <summary>Demo mode: seed demo data and show the local outbox on screen.</summary>
    public bool Demo { get; set; }

    /// <summary>Allow cookies over plain http (the local demo on http://localhost only). Never in production.</summary>
    public bool AllowInsecureCookies { get; set; }

    /// <summary>Further issuer DIDs this deployment trusts (its own organizations are always trusted).</summary>
    public List<string> TrustedIssuers { get; set; } = [];

    /// <summary>Largest accepted request body, in bytes (larger answers 413).</summary>
    public long MaxRequestBytes { get; set; } = 1536 * 1024;

    public string BaseUrl => string.IsNullOrWhiteSpace(PublicHost) ? LocalBaseUrl.TrimEnd('/') : "https://" + PublicHost.Trim().TrimEnd('/');
}
