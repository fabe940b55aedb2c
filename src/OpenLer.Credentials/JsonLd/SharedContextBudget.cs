namespace OpenLer.Credentials.JsonLd;

/// <summary>
/// Bounds how many derived contexts one processor keeps in its shared caches. Documents choose which known contexts
/// they list and in which order, so without a bound many requests could grow the caches without limit; past the
/// bound, contexts are still processed correctly, just not kept.
/// </summary>
internal sealed class SharedContextBudget(int capacity = SharedContextBudget.DefaultCapacity)
{
    public const int DefaultCapacity = 4096;

    private int _used;

    public int Used => Volatile.Read(ref _used);

    public bool TryReserve()
    {
        if (Volatile.Read(ref _used) >= capacity)
        {
            return false;
        }

        return Interlocked.Increment(ref _used) <= capacity;
    }
}
