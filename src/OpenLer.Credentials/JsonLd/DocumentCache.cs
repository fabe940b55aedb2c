using System.Collections.Concurrent;

namespace OpenLer.Credentials.JsonLd;

/// <summary>
/// Keeps every context document a processor loaded, so each URL is dereferenced once (JSON-LD API §4.1.2 step 5.2.4:
/// "the processor MUST NOT do a further dereference") and its nodes keep their identity, which the derived-context
/// caches key on. Bounded: past <see cref="MaxEntries"/> documents are still served but not kept (and not "pinned").
/// </summary>
internal sealed class DocumentCache(IDocumentLoader loader)
{
    private const int MaxEntries = 1024;

    private readonly ConcurrentDictionary<string, RemoteDocument> _documents = new(StringComparer.Ordinal);

    /// <summary>Loads <paramref name="url"/>; <paramref name="pinned"/> is true when the document stays cached.</summary>
    public RemoteDocument Load(string url, string errorName, out bool pinned)
    {
        if (_documents.TryGetValue(url, out var cached))
        {
            pinned = true;
            return cached;
        }

        var loaded = loader.LoadDocument(url);
        if (!loaded.IsSuccess)
        {
            throw new JsonLdException(errorName, $"{url}: {loaded.Error.Message}", loaded.Error.Code);
        }

        JsonTree.Materialize(loaded.Value.Document);
        if (_documents.Count < MaxEntries)
        {
            pinned = true;
            return _documents.GetOrAdd(url, loaded.Value);
        }

        pinned = false;
        return loaded.Value;
    }
}
