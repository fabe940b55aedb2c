using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.JsonLd;

/// <summary>
/// The state of one expand or toRdf call: options, the limits being counted, the cache of contexts derived from
/// inline (document-owned) contexts, and safe-mode reporting. Not shared between threads. Every unit of work
/// (<see cref="AddWork"/>: a term definition, an expanded value, a node map entry, a quad) also observes the caller's
/// cancellation token, so a verification that runs out of its time budget stops within one loop iteration.
/// </summary>
internal sealed class JsonLdOperation
{
    private readonly DocumentCache _documents;
    private readonly SharedContextBudget _budget;
    private int _contextReferences;
    private Dictionary<(ActiveContext Active, DerivedKey Key), ActiveContext>? _localCache;
    private long _work;
    private int _contextDepth;
    private int _termDepth;
    private int _expansionDepth;
    private int _contextLoads;
    private readonly CancellationToken _cancellation;

    public JsonLdOperation(DocumentCache documents, JsonLdOptions options, SharedContextBudget? budget = null, CancellationToken cancellation = default)
    {
        _cancellation = cancellation;
        _documents = documents;
        _budget = budget ?? new SharedContextBudget();
        Options = options;
        Limits = options.Limits;
        Safe = options.SafeMode;
        IsJsonLd10 = options.ProcessingMode == JsonLdProcessingMode.JsonLd10;
    }

    public JsonLdOptions Options { get; }

    public JsonLdLimits Limits { get; }

    public bool Safe { get; }

    public bool IsJsonLd10 { get; }

    /// <summary>
    /// Contexts cached on long-lived active contexts are computed in JSON-LD 1.1 mode only, so a 1.0-mode operation
    /// neither reads nor writes them.
    /// </summary>
    public bool UseSharedCache => !IsJsonLd10;

    public int CacheFlags => Safe ? DerivedKey.Safe : 0;

    /// <summary>
    /// VC Data Integrity 1.0 §2.4.3 "Securing Data Losslessly": in safe mode, anything a JSON-LD algorithm would drop
    /// is an error. The event names follow those jsonld.js uses for the same situations.
    /// </summary>
    public void DataLoss(string eventName, string detail)
    {
        if (Safe)
        {
            throw new JsonLdException(eventName, detail + " (dropped by JSON-LD processing; safe mode refuses data loss)", ErrorCodes.DataLossDetection);
        }
    }

    /// <summary>Counts work against <see cref="JsonLdLimits.MaxWork"/>; throws <see cref="OperationCanceledException"/> once the caller cancels.</summary>
    public void AddWork(long units)
    {
        _cancellation.ThrowIfCancellationRequested();
        _work += units;
        if (_work > Limits.MaxWork)
        {
            throw new JsonLdException(JsonLdErrorNames.LimitExceeded, $"the document needs more than {Limits.MaxWork} units of JSON-LD work", ErrorCodes.JsonLdLimitExceeded);
        }
    }

    public void EnterContext()
    {
        if (++_contextDepth > Limits.MaxContextDepth)
        {
            throw new JsonLdException(JsonLdErrorNames.ContextOverflow, $"contexts nest deeper than {Limits.MaxContextDepth}");
        }
    }

    public void ExitContext() => _contextDepth--;

    public void EnterTermDefinition()
    {
        if (++_termDepth > Limits.MaxTermDependencyDepth)
        {
            throw new JsonLdException(JsonLdErrorNames.LimitExceeded, $"term definitions depend on each other deeper than {Limits.MaxTermDependencyDepth}", ErrorCodes.JsonLdLimitExceeded);
        }
    }

    public void ExitTermDefinition() => _termDepth--;

    public void EnterExpansion()
    {
        if (++_expansionDepth > Limits.MaxExpansionDepth)
        {
            throw new JsonLdException(JsonLdErrorNames.LimitExceeded, $"the document nests deeper than {Limits.MaxExpansionDepth}", ErrorCodes.DocumentTooDeep);
        }
    }

    public void ExitExpansion() => _expansionDepth--;

    /// <summary>Counts a context URL reference (cached or not) against <see cref="JsonLdLimits.MaxContextLoads"/>.</summary>
    public void CountContextReference()
    {
        if (++_contextReferences > Limits.MaxContextLoads)
        {
            throw new JsonLdException(JsonLdErrorNames.ContextOverflow, $"more than {Limits.MaxContextLoads} context references");
        }
    }

    /// <summary>True when one more context may be kept in the shared (process-wide) caches.</summary>
    public bool ReserveSharedContext() => _budget.TryReserve();

    /// <summary>Loads a context document; every load counts against <see cref="JsonLdLimits.MaxContextLoads"/>.</summary>
    public RemoteDocument LoadContext(string url, out bool pinned)
    {
        if (++_contextLoads > Limits.MaxContextLoads)
        {
            throw new JsonLdException(JsonLdErrorNames.ContextOverflow, $"more than {Limits.MaxContextLoads} context documents loaded");
        }

        return _documents.Load(url, JsonLdErrorNames.LoadingRemoteContextFailed, out pinned);
    }

    public bool TryGetLocal(ActiveContext active, in DerivedKey key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ActiveContext? derived)
    {
        derived = null;
        return _localCache is { } cache && cache.TryGetValue((active, key), out derived);
    }

    public void AddLocal(ActiveContext active, in DerivedKey key, ActiveContext derived)
    {
        _localCache ??= [];
        _localCache[(active, key)] = derived;
    }
}
