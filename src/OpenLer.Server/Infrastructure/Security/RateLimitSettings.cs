namespace OpenLer.Server.Infrastructure.Security;

/// <summary>
/// The values of the rate-limit policies (configuration section <c>OpenLer:RateLimits</c>, e.g.
/// <c>OpenLer:RateLimits:Verify:Permits</c>). Each is a token bucket per client address (per account for
/// <see cref="SignedIn"/>), kept in the memory of one instance: with several instances an address gets the limit once
/// per instance (docs/deploy.md).
/// </summary>
public sealed class RateLimitSettings
{
    public const string Section = "OpenLer:RateLimits";

    /// <summary>Every anonymous request (pages, APIs, unknown addresses), per address: a class of 30 on one library connection browses freely.</summary>
    public RateLimitRule Public { get; set; } = new(300, 60);

    /// <summary>Every signed-in request, per account.</summary>
    public RateLimitRule SignedIn { get; set; } = new(600, 60);

    /// <summary>Credentials checked (Verify page and API), per address.</summary>
    public RateLimitRule Verify { get; set; } = new(20, 60);

    /// <summary>Share links opened, per address.</summary>
    public RateLimitRule ShareOpen { get; set; } = new(60, 60);

    /// <summary>Sign-in codes asked for, per address (a room of people signing in together still fits).</summary>
    public RateLimitRule CodeRequest { get; set; } = new(20, 600);

    /// <summary>Sign-in codes entered, per address (the per-account lock-out is the attempt counter).</summary>
    public RateLimitRule CodeAttempt { get; set; } = new(30, 600);

    /// <summary>Staff passwords entered, per address (the per-account lock-out is Identity's).</summary>
    public RateLimitRule PasswordAttempt { get; set; } = new(30, 600);

    /// <summary>Funder report reads (<c>GET /api/reports/funnel</c>), per address, wrong keys included: a funder's system reads a few times a day.</summary>
    public RateLimitRule Report { get; set; } = new(30, 600);

    public static RateLimitSettings From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<RateLimitSettings>() ?? new RateLimitSettings();
}
