using System.Collections.Concurrent;

namespace OpenLer.Credentials.JsonLd;

/// <summary>
/// An active context (JSON-LD API §4.1). Immutable once published by <see cref="ContextProcessor"/>, so it can be shared
/// between threads and operations; it also caches the contexts derived from it (the result of processing a given
/// context document or scoped context on top of it), which is what makes repeated credentials cheap.
/// </summary>
internal sealed class ActiveContext
{
    /// <summary>Bounds each context's cache of derived contexts; past it results are computed but not kept.</summary>
    private const int MaxDerived = 512;

    private readonly Dictionary<string, TermDefinition> _terms;
    private ConcurrentDictionary<DerivedKey, ActiveContext>? _derived;
    private int _protectedCount;

    private ActiveContext(Dictionary<string, TermDefinition> terms) => _terms = terms;

    public string? BaseIri { get; internal set; }

    public string? OriginalBaseUrl { get; internal set; }

    public string? Vocab { get; internal set; }

    public string? DefaultLanguage { get; internal set; }

    public string? DefaultDirection { get; internal set; }

    /// <summary>Set when a non-propagated (type-scoped) context was applied: node objects revert to it (§5.1.2 step 7).</summary>
    public ActiveContext? PreviousContext { get; internal set; }

    /// <summary>
    /// True for contexts that live in a processor's shared caches (its root contexts and what is cached from them);
    /// only those get shared cache entries, so contexts built from a document's inline contexts never fill them.
    /// </summary>
    public bool IsShared { get; internal set; }

    public int TermCount => _terms.Count;

    public bool HasProtectedTerms => _protectedCount > 0;

    public static ActiveContext Create(string? baseIri) =>
        new(new Dictionary<string, TermDefinition>(StringComparer.Ordinal)) { BaseIri = baseIri, OriginalBaseUrl = baseIri };

    public bool TryGetTerm(string term, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TermDefinition? definition) =>
        _terms.TryGetValue(term, out definition);

    public TermDefinition? GetTerm(string? term) =>
        term is not null && _terms.TryGetValue(term, out var definition) ? definition : null;

    /// <summary>A copy to build a new context from; caches are not copied.</summary>
    public ActiveContext Clone() =>
        new(new Dictionary<string, TermDefinition>(_terms, StringComparer.Ordinal))
        {
            BaseIri = BaseIri,
            OriginalBaseUrl = OriginalBaseUrl,
            Vocab = Vocab,
            DefaultLanguage = DefaultLanguage,
            DefaultDirection = DefaultDirection,
            PreviousContext = PreviousContext,
            _protectedCount = _protectedCount,
        };

    internal TermDefinition? RemoveTerm(string term)
    {
        if (_terms.Remove(term, out var previous))
        {
            if (previous.IsProtected)
            {
                _protectedCount--;
            }

            return previous;
        }

        return null;
    }

    internal void SetTerm(string term, TermDefinition definition)
    {
        RemoveTerm(term);
        _terms[term] = definition;
        if (definition.IsProtected)
        {
            _protectedCount++;
        }
    }

    internal bool TryGetDerived(in DerivedKey key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ActiveContext? derived)
    {
        derived = null;
        return _derived is { } cache && cache.TryGetValue(key, out derived);
    }

    internal void AddDerived(in DerivedKey key, ActiveContext derived)
    {
        var cache = _derived ?? Interlocked.CompareExchange(ref _derived, new ConcurrentDictionary<DerivedKey, ActiveContext>(), null) ?? _derived;
        if (cache.Count < MaxDerived)
        {
            cache.TryAdd(key, derived);
        }
    }
}

/// <summary>
/// Identifies a derived context: the local context (a URL string, or a context node compared by identity), the base
/// URL it is resolved against, and the flags that change the result.
/// </summary>
internal readonly record struct DerivedKey(object LocalContext, string? BaseUrl, int Flags)
{
    public const int OverrideProtected = 1;
    public const int Propagate = 2;
    public const int Safe = 4;

    /// <summary>Stands for a JSON null local context, which has no node to key on.</summary>
    public static readonly object NullContext = new();
}
