using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenLer.Credentials.JsonLd;

/// <summary>
/// JSON-LD API §4.1 Context Processing Algorithm, with caching: a context processed on top of a shared active context
/// is remembered on that context (keyed by the context URL or by the identity of a cached context node), so contexts
/// such as VC 2.0 and Open Badges 3.0 are processed once per process, not once per credential.
/// </summary>
internal static class ContextProcessor
{
    /// <summary>
    /// Processes <paramref name="localContext"/> on top of <paramref name="active"/> from an expansion step.
    /// <paramref name="pinned"/> says the node belongs to a cached context document (term definitions' scoped contexts
    /// from such documents); other nodes (the document's own contexts) are cached for this operation only.
    /// </summary>
    public static ActiveContext Process(
        JsonLdOperation op,
        ActiveContext active,
        JsonNode? localContext,
        string? baseUrl,
        bool pinned,
        bool overrideProtected = false,
        bool propagate = true)
    {
        var flags = op.CacheFlags | (overrideProtected ? DerivedKey.OverrideProtected : 0) | (propagate ? DerivedKey.Propagate : 0);
        var key = new DerivedKey(localContext ?? DerivedKey.NullContext, baseUrl, flags);
        var shared = pinned && op.UseSharedCache && active.IsShared;
        if (shared ? active.TryGetDerived(key, out var cached) : op.TryGetLocal(active, key, out cached))
        {
            return cached;
        }

        var result = ProcessCore(op, active, localContext, baseUrl, null, overrideProtected, propagate, validateScopedContext: true, pinned);
        if (shared && op.ReserveSharedContext())
        {
            result.IsShared = true;
            active.AddDerived(key, result);
        }
        else
        {
            op.AddLocal(active, key, result);
        }

        return result;
    }

    /// <summary>§4.1.2, steps numbered as in the Recommendation.</summary>
    internal static ActiveContext ProcessCore(
        JsonLdOperation op,
        ActiveContext active,
        JsonNode? localContext,
        string? baseUrl,
        List<string>? remoteContexts,
        bool overrideProtected,
        bool propagate,
        bool validateScopedContext,
        bool pinned)
    {
        op.EnterContext();
        try
        {
            // 1. result starts as active context; it is cloned only when this call changes it.
            var result = active;
            var owned = false;

            // 2. @propagate of a context map (validated in step 5.11).
            if (localContext is JsonObject map && map.TryGetPropertyValue(Keywords.Propagate, out var propagateNode)
                && propagateNode is JsonValue pv && pv.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
            {
                propagate = pv.GetValueKind() == JsonValueKind.True;
            }

            // 3. A non-propagated context remembers the context to revert to.
            if (!propagate && result.PreviousContext is null)
            {
                result = Own(op, result, ref owned);
                result.PreviousContext = active;
            }

            // 4.-5. Each context of the local context array.
            if (localContext is JsonArray array)
            {
                foreach (var item in array)
                {
                    result = ProcessItem(op, active, result, ref owned, item, baseUrl, remoteContexts, overrideProtected, propagate, validateScopedContext, pinned);
                }
            }
            else
            {
                result = ProcessItem(op, active, result, ref owned, localContext, baseUrl, remoteContexts, overrideProtected, propagate, validateScopedContext, pinned);
            }

            return result;
        }
        finally
        {
            op.ExitContext();
        }
    }

    private static ActiveContext Own(JsonLdOperation op, ActiveContext result, ref bool owned)
    {
        if (owned)
        {
            return result;
        }

        op.AddWork(result.TermCount + 1);
        owned = true;
        return result.Clone();
    }

    private static ActiveContext ProcessItem(
        JsonLdOperation op,
        ActiveContext active,
        ActiveContext result,
        ref bool owned,
        JsonNode? context,
        string? baseUrl,
        List<string>? remoteContexts,
        bool overrideProtected,
        bool propagate,
        bool validateScopedContext,
        bool pinned)
    {
        // 5.1 null resets the active context, unless protected terms would be lost.
        if (context is null)
        {
            if (!overrideProtected && result.HasProtectedTerms)
            {
                throw new JsonLdException(JsonLdErrorNames.InvalidContextNullification, "a null context would remove protected terms");
            }

            var previous = result;
            result = ActiveContext.Create(active.OriginalBaseUrl);
            if (!propagate)
            {
                result.PreviousContext = previous;
            }

            owned = true;
            return result;
        }

        // 5.2 A string is a remote context reference.
        if (context is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            var computed = ProcessRemote(op, result, value.GetValue<string>(), baseUrl, remoteContexts, validateScopedContext);
            if (computed is not null)
            {
                owned = false;
                return computed;
            }

            return result;
        }

        // 5.3 Anything else but a map is an error.
        if (context is not JsonObject obj)
        {
            throw new JsonLdException(JsonLdErrorNames.InvalidLocalContext, "a context must be null, a string, a map or an array of these");
        }

        // 5.4 A context definition.
        var definition = new ContextDefinition(obj);
        var definitionPinned = pinned;

        // 5.5 @version
        if (obj.TryGetPropertyValue(Keywords.Version, out var version))
        {
            if (version is not JsonValue vv || vv.GetValueKind() != JsonValueKind.Number || Expander.JsonNumber(vv) != 1.1)
            {
                throw new JsonLdException(JsonLdErrorNames.InvalidVersionValue, "@version must be the number 1.1");
            }

            if (op.IsJsonLd10)
            {
                throw new JsonLdException(JsonLdErrorNames.ProcessingModeConflict, "@version 1.1 in json-ld-1.0 processing mode");
            }
        }

        // 5.6 @import
        if (obj.TryGetPropertyValue(Keywords.Import, out var importNode))
        {
            definition = Import(op, obj, importNode, baseUrl, ref definitionPinned);
        }

        result = Own(op, result, ref owned);

        // 5.7 @base, only in contexts that are not remote.
        if ((remoteContexts is null || remoteContexts.Count == 0) && definition.TryGetValue(Keywords.Base, out var baseNode))
        {
            SetBase(result, baseNode);
        }

        // 5.8 @vocab
        if (definition.TryGetValue(Keywords.Vocab, out var vocabNode))
        {
            SetVocab(op, result, vocabNode);
        }

        // 5.9 @language
        if (definition.TryGetValue(Keywords.Language, out var languageNode))
        {
            result.DefaultLanguage = languageNode switch
            {
                null => null,
                JsonValue lv when lv.GetValueKind() == JsonValueKind.String => lv.GetValue<string>(),
                _ => throw new JsonLdException(JsonLdErrorNames.InvalidDefaultLanguage, "@language must be a string or null"),
            };
        }

        // 5.10 @direction
        if (definition.TryGetValue(Keywords.Direction, out var directionNode))
        {
            if (op.IsJsonLd10)
            {
                throw new JsonLdException(JsonLdErrorNames.InvalidContextEntry, "@direction is not allowed in json-ld-1.0 processing mode");
            }

            result.DefaultDirection = ReadDirection(directionNode);
        }

        // 5.11 @propagate (its effect was applied in step 2).
        if (definition.TryGetValue(Keywords.Propagate, out var propagateValue))
        {
            if (op.IsJsonLd10)
            {
                throw new JsonLdException(JsonLdErrorNames.InvalidContextEntry, "@propagate is not allowed in json-ld-1.0 processing mode");
            }

            if (propagateValue is not JsonValue pv || pv.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw new JsonLdException(JsonLdErrorNames.InvalidPropagateValue, "@propagate must be true or false");
            }
        }

        // 5.12-5.13 Term definitions.
        var isProtected = false;
        if (definition.TryGetValue(Keywords.Protected, out var protectedNode))
        {
            isProtected = protectedNode is JsonValue prv && prv.GetValueKind() is JsonValueKind.True or JsonValueKind.False
                ? prv.GetValueKind() == JsonValueKind.True
                : throw new JsonLdException(JsonLdErrorNames.InvalidProtectedValue, "@protected must be true or false");
        }

        var frame = new TermFrame(op, result, definition, baseUrl, isProtected, overrideProtected, remoteContexts, definitionPinned);
        foreach (var key in definition.Keys)
        {
            if (key is Keywords.Base or Keywords.Direction or Keywords.Import or Keywords.Language or Keywords.Propagate
                or Keywords.Protected or Keywords.Version or Keywords.Vocab)
            {
                continue;
            }

            TermDefinitionBuilder.Create(frame, key);
        }

        return result;
    }

    /// <summary>§4.1.2 step 5.2: dereference, detect recursion and overflow, process the loaded context.</summary>
    private static ActiveContext? ProcessRemote(
        JsonLdOperation op,
        ActiveContext result,
        string reference,
        string? baseUrl,
        List<string>? remoteContexts,
        bool validateScopedContext)
    {
        // 5.2.1
        var url = Iri.Resolve(baseUrl, reference);
        if (!Iri.IsAbsolute(url))
        {
            throw new JsonLdException(JsonLdErrorNames.LoadingDocumentFailed, $"context reference '{reference}' is not an absolute IRI and there is no base URL");
        }

        // 5.2.2 A scoped context being validated may refer to a context already being processed.
        if (remoteContexts is not null && remoteContexts.Contains(url))
        {
            if (!validateScopedContext)
            {
                return null;
            }

            // JSON-LD 1.0 §6.1 step 3.2.2 (1.1 leaves this to "context overflow"): refuse the cycle at once.
            throw new JsonLdException(JsonLdErrorNames.RecursiveContextInclusion, $"context {url} includes itself");
        }

        // 5.2.3 (every reference counts, cached or not, so a document cannot list thousands of contexts)
        op.CountContextReference();
        var chain = remoteContexts is null ? [] : new List<string>(remoteContexts);
        if (chain.Count >= op.Limits.MaxRemoteContexts)
        {
            throw new JsonLdException(JsonLdErrorNames.ContextOverflow, $"more than {op.Limits.MaxRemoteContexts} remote contexts in one chain");
        }

        var cacheable = chain.Count == 0 && validateScopedContext && op.UseSharedCache && result.IsShared;
        var key = new DerivedKey(url, null, op.CacheFlags);
        if (cacheable && result.TryGetDerived(key, out var cached))
        {
            return cached;
        }

        chain.Add(url);

        // 5.2.4-5.2.5 Dereference (once per URL: the document cache keeps it).
        var document = op.LoadContext(url, out var pinned);
        if (document.Document is not JsonObject top || !top.TryGetPropertyValue(Keywords.Context, out var loaded))
        {
            throw new JsonLdException(JsonLdErrorNames.InvalidRemoteContext, $"{url} has no top-level @context");
        }

        // 5.2.6 Remote contexts never override protected terms and keep their own base URL.
        var computed = ProcessCore(op, result, loaded, document.DocumentUrl, chain, overrideProtected: false, propagate: true, validateScopedContext, pinned);
        if (cacheable && pinned && op.ReserveSharedContext())
        {
            computed.IsShared = true;
            result.AddDerived(key, computed);
        }

        return computed;
    }

    /// <summary>§4.1.2 step 5.6: merge the context into the (single-level) context it imports.</summary>
    private static ContextDefinition Import(JsonLdOperation op, JsonObject context, JsonNode? importNode, string? baseUrl, ref bool pinned)
    {
        if (op.IsJsonLd10)
        {
            throw new JsonLdException(JsonLdErrorNames.InvalidContextEntry, "@import is not allowed in json-ld-1.0 processing mode");
        }

        if (importNode is not JsonValue iv || iv.GetValueKind() != JsonValueKind.String)
        {
            throw new JsonLdException(JsonLdErrorNames.InvalidImportValue, "@import must be a string");
        }

        var url = Iri.Resolve(baseUrl, iv.GetValue<string>());
        if (!Iri.IsAbsolute(url))
        {
            throw new JsonLdException(JsonLdErrorNames.LoadingRemoteContextFailed, $"@import '{url}' is not an absolute IRI");
        }

        var document = op.LoadContext(url, out var documentPinned);
        if (document.Document is not JsonObject top || !top.TryGetPropertyValue(Keywords.Context, out var imported) || imported is not JsonObject importedMap)
        {
            throw new JsonLdException(JsonLdErrorNames.InvalidRemoteContext, $"{url} has no top-level @context map");
        }

        if (importedMap.ContainsKey(Keywords.Import))
        {
            throw new JsonLdException(JsonLdErrorNames.InvalidContextEntry, $"imported context {url} itself has @import");
        }

        pinned = pinned && documentPinned;
        return ContextDefinition.Merge(importedMap, context);
    }

    private static void SetBase(ActiveContext result, JsonNode? value)
    {
        if (value is null)
        {
            result.BaseIri = null;
            return;
        }

        if (value is not JsonValue bv || bv.GetValueKind() != JsonValueKind.String)
        {
            throw new JsonLdException(JsonLdErrorNames.InvalidBaseIri, "@base must be a string or null");
        }

        var iri = bv.GetValue<string>();
        if (Iri.IsAbsolute(iri))
        {
            result.BaseIri = iri;
        }
        else if (result.BaseIri is not null)
        {
            result.BaseIri = Iri.Resolve(result.BaseIri, iri);
        }
        else
        {
            throw new JsonLdException(JsonLdErrorNames.InvalidBaseIri, $"relative @base '{iri}' with no base IRI");
        }
    }

    private static void SetVocab(JsonLdOperation op, ActiveContext result, JsonNode? value)
    {
        if (value is null)
        {
            result.Vocab = null;
            return;
        }

        if (value is not JsonValue vv || vv.GetValueKind() != JsonValueKind.String)
        {
            throw new JsonLdException(JsonLdErrorNames.InvalidVocabMapping, "@vocab must be a string or null");
        }

        var vocab = vv.GetValue<string>();
        if (op.IsJsonLd10 && !Iri.IsAbsolute(vocab) && !Iri.IsBlankNode(vocab))
        {
            throw new JsonLdException(JsonLdErrorNames.InvalidVocabMapping, "json-ld-1.0 requires an absolute @vocab");
        }

        var expanded = IriExpansion.Expand(result, vocab, documentRelative: true, vocab: true, frame: null);
        if (expanded is null || !(Iri.IsAbsolute(expanded) || Iri.IsBlankNode(expanded)))
        {
            throw new JsonLdException(JsonLdErrorNames.InvalidVocabMapping, $"@vocab '{vocab}' is not an IRI or blank node identifier");
        }

        result.Vocab = expanded;
    }

    internal static string? ReadDirection(JsonNode? value) => value switch
    {
        null => null,
        JsonValue dv when dv.GetValueKind() == JsonValueKind.String && dv.GetValue<string>() is "ltr" or "rtl" => dv.GetValue<string>(),
        _ => throw new JsonLdException(JsonLdErrorNames.InvalidBaseDirection, "@direction must be \"ltr\", \"rtl\" or null"),
    };
}
