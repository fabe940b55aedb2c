using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace OpenLer.Server.Features.Verify;

/// <summary>
/// What one instance remembers between views (a bounded in-memory cache): verification results of stored credentials,
/// did:web documents and verified status lists. Every key includes the issuing organization's
/// <see cref="Data.Organization.Stamp"/> as read before the work was done, so any change that can alter a result (saved
/// through <see cref="Organizations.OrganizationStamps"/>) makes the next view miss, here and on every other instance.
/// Nothing personal is held: results, public documents and lists only (the holder's name is read per view).
/// </summary>
public sealed class VerificationCache : IDisposable
{
    private readonly MemoryCache _cache;
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxAge;

    public VerificationCache(IOptions<VerificationCacheOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        Enabled = options.Value.Enabled;
        _maxAge = TimeSpan.FromSeconds(Math.Max(1, options.Value.MaxAgeSeconds));
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(16, options.Value.MaxEntries) });
        _time = time;
    }

    public bool Enabled { get; }

    /// <summary>The value cached under <paramref name="key"/> while it has not expired by this deployment's clock.</summary>
    public bool TryGet<T>(object key, out T value)
    {
        if (Enabled && _cache.TryGetValue(key, out var found) && found is Entry<T> entry)
        {
            if (entry.ExpiresAt > _time.GetUtcNow())
            {
                value = entry.Value;
                return true;
            }

            _cache.Remove(key);
        }

        value = default!;
        return false;
    }

    /// <summary>Caches <paramref name="value"/> until the earlier of the maximum age and <paramref name="notAfter"/>.</summary>
    public void Set<T>(object key, T value, DateTimeOffset? notAfter = null)
    {
        if (!Enabled)
        {
            return;
        }

        var expires = _time.GetUtcNow() + _maxAge;
        if (notAfter is { } limit && limit < expires)
        {
            expires = limit;
        }

        if (expires <= _time.GetUtcNow())
        {
            return;
        }

        // The memory cache's own expiry (wall clock) is only a backstop for eviction; TryGet decides by the injected clock.
        _cache.Set(key, new Entry<T>(value, expires), new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = _maxAge });
    }

    public void Dispose() => _cache.Dispose();

    private sealed record Entry<T>(T Value, DateTimeOffset ExpiresAt);
}
