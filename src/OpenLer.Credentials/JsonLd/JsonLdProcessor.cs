using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Rdf;

namespace OpenLer.Credentials.JsonLd;

/// <summary>
/// A JSON-LD 1.1 processor (JSON-LD API §9.1 <c>expand</c> and <c>toRdf</c>). Create one per document loader and keep it:
/// it caches context documents and the active contexts derived from them, so that only the first credential using
/// a context pays for processing it. Thread-safe. Hostile input never throws: every failure is an error value whose
/// message starts with the JSON-LD error name (e.g. "protected term redefinition: ..."). A cancelled
/// <see cref="CancellationToken"/> (a caller's time budget) ends an operation within one unit of work with
/// <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class JsonLdProcessor
{
    private const int MaxRootContexts = 256;

    private readonly DocumentCache _documents;
    private readonly SharedContextBudget _budget = new();
    private readonly ActiveContext _nullBaseRoot = Root(null);
    private readonly ConcurrentDictionary<string, ActiveContext> _roots = new(StringComparer.Ordinal);

    public JsonLdProcessor(IDocumentLoader loader)
    {
        ArgumentNullException.ThrowIfNull(loader);
        _documents = new DocumentCache(loader);
    }

    /// <summary>
    /// JSON-LD API §9.1 <c>expand()</c>: the expanded form of <paramref name="input"/> as a JSON array.
    /// <paramref name="documentUrl"/> is the URL the document was retrieved from (its base IRI unless
    /// <see cref="JsonLdOptions.Base"/> is set); null for credentials.
    /// </summary>
    public Outcome<JsonArray> Expand(JsonNode? input, JsonLdOptions? options = null, string? documentUrl = null, CancellationToken cancellationToken = default)
    {
        var op = new JsonLdOperation(_documents, options ?? JsonLdOptions.Default, _budget, cancellationToken);
        return Run(() => ExpandedJson.ToArray(ExpandCore(op, input, documentUrl)));
    }

    /// <summary>
    /// JSON-LD API §9.1 <c>toRdf()</c>: expansion, Node Map Generation (§7.2) and Deserialize JSON-LD to RDF (§8.1).
    /// </summary>
    public Outcome<RdfDataset> ToRdf(JsonNode? input, JsonLdOptions? options = null, string? documentUrl = null, CancellationToken cancellationToken = default)
    {
        var op = new JsonLdOperation(_documents, options ?? JsonLdOptions.Default, _budget, cancellationToken);
        return Run(() =>
        {
            var expanded = ExpandCore(op, input, documentUrl);
            var ids = new BlankNodeGenerator();
            var nodeMap = new NodeMapBuilder(op, ids);
            nodeMap.Generate(expanded, NodeMapBuilder.DefaultGraph, null, null, null, null);
            return new RdfBuilder(op, ids).Build(nodeMap.Graphs);
        });
    }

    /// <summary>
    /// Every member name of every JSON object in <paramref name="context"/> and in the context documents it reaches (by
    /// URL, through scoped contexts and <c>@import</c>): a superset of every term any active context derived from it can
    /// define. <see cref="DataIntegrity.SigningTemplate"/> refuses an IRI whose prefix or whole value is one of them.
    /// </summary>
    internal Outcome<HashSet<string>> ContextKeys(JsonNode? context)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        return Run(() =>
        {
            WalkContext(context, keys, visited, 0);
            return keys;
        });
    }

    private void WalkContext(JsonNode? context, HashSet<string> keys, HashSet<string> visited, int depth)
    {
        if (depth > 64)
        {
            throw new JsonLdException(JsonLdErrorNames.ContextOverflow, "contexts nest too deeply");
        }

        switch (context)
        {
            case JsonValue value when value.TryGetValue<string>(out var url):
                if (visited.Add(url))
                {
                    var document = _documents.Load(url, JsonLdErrorNames.LoadingRemoteContextFailed, out _).Document;
                    WalkContext(document is JsonObject map && map.TryGetPropertyValue(Keywords.Context, out var inner) ? inner : null, keys, visited, depth + 1);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    WalkContext(item, keys, visited, depth + 1);
                }

                break;
            case JsonObject map:
                foreach (var (key, item) in map)
                {
                    keys.Add(key);
                    if (key is Keywords.Context or "@import")
                    {
                        WalkContext(item, keys, visited, depth + 1);
                    }
                    else if (item is JsonObject or JsonArray)
                    {
                        WalkObjects(item, keys, visited, depth + 1);
                    }
                }

                break;
        }
    }

    private void WalkObjects(JsonNode? node, HashSet<string> keys, HashSet<string> visited, int depth)
    {
        if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                WalkObjects(item, keys, visited, depth + 1);
            }
        }
        else if (node is JsonObject)
        {
            WalkContext(node, keys, visited, depth);
        }
    }

    /// <summary>How many derived contexts the shared caches hold (tests).</summary>
    internal int SharedContextsCached => _budget.Used;

    /// <summary>Expansion to the internal representation only (benchmarks and tests).</summary>
    internal Outcome<int> ExpandInternal(JsonNode? input, JsonLdOptions options)
    {
        var op = new JsonLdOperation(_documents, options, _budget);
        return Run(() => ExpandCore(op, input, null).Count);
    }

    /// <summary>The JSON-LD error name at the start of an error message from this processor ("invalid context entry"...).</summary>
    public static string ErrorName(CredentialError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var colon = error.Message.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? error.Message : error.Message[..colon];
    }

    private static Outcome<T> Run<T>(Func<T> body)
    {
        try
        {
            return body();
        }
        catch (JsonLdException ex)
        {
            return ex.ToError();
        }
    }

    /// <summary>§9.1 expand() steps 3-9 (the document is already parsed).</summary>
    private List<object?> ExpandCore(JsonLdOperation op, JsonNode? input, string? documentUrl)
    {
        var options = op.Options;
        var baseIri = options.Base ?? documentUrl;
        var active = RootContext(baseIri);
        if (options.ExpandContext is { } expandContext)
        {
            var context = expandContext is JsonObject map && map.TryGetPropertyValue(Keywords.Context, out var inner) ? inner : expandContext;
            active = ContextProcessor.Process(op, active, context, active.OriginalBaseUrl, pinned: false);
        }

        var expanded = new Expander(op).Expand(active, null, input, documentUrl ?? options.Base);
        if (expanded is LdMap { Count: 1 } only && only.TryGetValue(Keywords.Graph, out var graph))
        {
            expanded = graph;
        }

        return Expander.AsList(expanded);
    }

    private ActiveContext RootContext(string? baseIri)
    {
        if (baseIri is null)
        {
            return _nullBaseRoot;
        }

        if (_roots.TryGetValue(baseIri, out var root))
        {
            return root;
        }

        if (_roots.Count >= MaxRootContexts)
        {
            return ActiveContext.Create(baseIri);
        }

        return _roots.GetOrAdd(baseIri, Root);
    }

    private static ActiveContext Root(string? baseIri)
    {
        var root = ActiveContext.Create(baseIri);
        root.IsShared = true;
        return root;
    }
}
