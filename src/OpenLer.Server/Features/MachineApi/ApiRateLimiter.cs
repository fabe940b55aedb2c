using System.Threading.RateLimiting;

namespace OpenLer.Server.Features.MachineApi;

/// <summary>
/// Requests per API key (a token bucket per key, in this instance's memory): <c>OpenLer:Api:PermitsPerMinute</c>, default 120.
/// A refusal answers 429 with Retry-After.
/// </summary>
public sealed class ApiRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<Guid> _limiter;

    public ApiRateLimiter(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var permits = Math.Max(1, configuration.GetValue("OpenLer:Api:PermitsPerMinute", 120));
        _limiter = PartitionedRateLimiter.Create<Guid, Guid>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = permits,
            TokensPerPeriod = permits,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>True when the key may make one more request now.</summary>
    public bool TryAcquire(Guid keyId)
    {
        using var lease = _limiter.AttemptAcquire(keyId);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
