namespace OpenLer.Server.Features.Verify;

/// <summary>
/// The verification cache (configuration section <c>OpenLer:VerificationCache</c>). Entries are keyed on the issuing
/// organization's stamp, so a revocation, key change or organization change is seen at the next view on every instance;
/// <see cref="MaxAgeSeconds"/> only bounds how long a time-dependent result (a validity window, a list's ttl) is reused.
/// </summary>
public sealed class VerificationCacheOptions
{
    public const string Section = "OpenLer:VerificationCache";

    /// <summary>Off: every view verifies everything again (the behaviour before the cache, for comparison).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Longest reuse of one entry, in seconds (also bounded by the credential's own validity).</summary>
    public int MaxAgeSeconds { get; set; } = 300;

    /// <summary>Most entries held by one instance (results, did documents, verified status lists); older ones are evicted.</summary>
    public int MaxEntries { get; set; } = 20_000;
}
