using System.Collections.Concurrent;

namespace OpenLer.Credentials.Common;

/// <summary>
/// A thread-safe memo for pure functions of untrusted keys (did:key documents, parsed keys): at most
/// <see cref="Capacity"/> entries; when full it starts over, so hostile input cannot grow it without bound.
/// </summary>
public sealed class BoundedCache<TKey, TValue>(int capacity)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _entries = new();

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (_entries.TryGetValue(key, out var value))
        {
            return value;
        }

        value = factory(key);
        if (_entries.Count >= Capacity)
        {
            _entries.Clear();
        }

        _entries.TryAdd(key, value);
        return value;
    }
}
