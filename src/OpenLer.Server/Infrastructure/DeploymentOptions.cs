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

    /// <summary>A new sign-in code is sent at most once in this many seconds per person (0: no limit).</summary>
    public int CodeResendSeconds { get; set; } = 60;

    /// <summary>The region for phone numbers typed without a country code (ISO 3166-1, e.g. "US").</summary>
    public string PhoneRegion { get; set; } = "US";

    /// <summary>Session lifetimes: staff 12 hours (idle 60 minutes), jobseekers 30 days (idle 7 days; 30 minutes on a shared computer).</summary>
    public SessionLifetimes Sessions { get; set; } = new();

    /// <summary>
    /// Chromium, run headless and offline to print HTML the server renders to PDF (printable resumes for employers); when
    /// the file is missing, PDF exports answer that they are unavailable (Debian: apt-get install chromium fonts-noto-core).
    /// </summary>
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary>Largest accepted request body, in bytes (larger answers 413).</summary>
    public long MaxRequestBytes { get; set; } = 1536 * 1024;

    public string BaseUrl => string.IsNullOrWhiteSpace(PublicHost) ? LocalBaseUrl.TrimEnd('/') : "https://" + PublicHost.Trim().TrimEnd('/');
}

/// <summary>Absolute lifetimes and idle time-outs of server-side sessions.</summary>
public sealed class SessionLifetimes
{
    public TimeSpan StaffAbsolute { get; set; } = TimeSpan.FromHours(12);

    public TimeSpan StaffIdle { get; set; } = TimeSpan.FromMinutes(60);

    public TimeSpan JobseekerAbsolute { get; set; } = TimeSpan.FromDays(30);

    public TimeSpan JobseekerIdle { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Idle time-out when the person said the computer is shared (the cookie then also ends with the browser).</summary>
    public TimeSpan SharedDeviceIdle { get; set; } = TimeSpan.FromMinutes(30);
}
