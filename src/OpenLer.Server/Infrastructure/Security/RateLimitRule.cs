using System.Threading.RateLimiting;

namespace OpenLer.Server.Infrastructure.Security;

/// <summary>
/// One rate limit: at most <see cref="Permits"/> requests at once (a burst), refilled evenly over
/// <see cref="WindowSeconds"/> (a token bucket), per partition. Beyond it a request answers 429 with Retry-After.
/// </summary>
public sealed class RateLimitRule
{
    public RateLimitRule()
    {
    }

    public RateLimitRule(int permits, int windowSeconds)
    {
        Permits = permits;
        WindowSeconds = windowSeconds;
    }

    /// <summary>Requests allowed in a burst (the bucket size), and refilled per window.</summary>
    public int Permits { get; set; }

    /// <summary>The window over which <see cref="Permits"/> requests are refilled, in seconds.</summary>
    public int WindowSeconds { get; set; }

    /// <summary>The token bucket: one token every window/permits (at least a second apart, several at once if faster).</summary>
    public TokenBucketRateLimiterOptions ToTokenBucket()
    {
        var permits = Math.Max(1, Permits);
        var window = TimeSpan.FromSeconds(Math.Max(1, WindowSeconds));
        var period = window / permits;
        var tokensPerPeriod = 1;
        if (period < TimeSpan.FromSeconds(1))
        {
            period = TimeSpan.FromSeconds(1);
            tokensPerPeriod = Math.Max(1, (int)Math.Round(permits / window.TotalSeconds));
        }

        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = permits,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }

    public override string ToString() => $"{Permits} per {WindowSeconds} s";
}
