using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenLer.Credentials.JsonLd;

/// <summary>JSON-LD API §4.2 Create Term Definition; steps numbered as in the Recommendation.</summary>
internal static class TermDefinitionBuilder
{
    public static void Create(TermFrame frame, string term)
    {
        frame.Op.EnterTermDefinition();
        try
        {
            CreateCore(frame, term);
        }
        finally
        {
            frame.Op.ExitTermDefinition();
        }
    }

    private static void CreateCore(TermFrame frame, string term)
    {
        var op = frame.Op;
        var active = frame.Active;

        // 1. Already defined, or a cycle.
        if (frame.Defined.TryGetValue(term, out var done))
        {
            if (done)
            {
                return;
            }

            throw new JsonLdException(JsonLdErrorNames.CyclicIriMapping, $"term '{term}' depends on itself");
        }

        // 2.
        if (term.Length == 0)
        {
            throw new JsonLdException(JsonLdErrorNames.InvalidTermDefinition, "the empty string cannot be a term");
        }

        frame.Defined[term] = false;
        op.AddWork(1);

        // 3.
        frame.Local.TryGetValue(term, out var value);

        // 4.-5. Keywords cannot be redefined (except @type's container and protection in 1.1).
        if (term == Keywords.Type)
        {
            if (op.IsJsonLd10)
            {
                throw new JsonLdException(JsonLdErrorNames.KeywordRedefinition, "@type cannot be redefined in json-ld-1.0");
            }

            ValidateTypeRedefinition(value);
        }
        else if (Keywords.IsKeyword(term))
        {
            throw new JsonLdException(JsonLdErrorNames.KeywordRedefinition, $"keyword {term} cannot be redefined");
        }
        else if (Keywords.HasKeywordForm(term))
        {
            op.DataLoss("invalid reserved term", $"term '{term}' has the form of a keyword and is ignored");
            frame.Defined.Remove(term);
            return;
        }

        // 6. The previous definition is removed (and kept for the protection check).
        var previous = active.RemoveTerm(term);

        // 7.-9. Normalize the value to a map.
        JsonObject? map = null;
        string? simpleId = null;
        var simpleTerm = false;
        var idIsNull = false;
        switch (value)
        {
            case null:
                idIsNull = true;
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                simpleId = v.GetValue<string>();
                simpleTerm = true;
                break;
            case JsonObject o:
                map = o;
                break;
            default:
                throw new JsonLdException(JsonLdErrorNames.InvalidTermDefinition, $"term '{term}' must be defined by a string, a map or null");
        }

        // 10.-11. A new definition, protected as its context says unless it says otherwise itself.
        var isProtected = frame.IsProtected;
        if (map is not null && map.TryGetPropertyValue(Keywords.Protected, out var protectedNode))
        {
            if (op.IsJsonLd10)
            {
                throw new JsonLdException(JsonLdErrorNames.InvalidTermDefinition, "@protected is not allowed in json-ld-1.0 processing mode");
            }

            isProtected = protectedNode is JsonValue pv && pv.GetValueKind() is JsonValueKind.True or JsonValueKind.False
                ? pv.GetValueKind() == JsonValueKind.True
                : throw new JsonLdException(JsonLdErrorNames.InvalidProtectedValue, $"@protected of term '{term}' must be true or false");
        }

        string? typeMapping = null;
        string? iriMapping = null;
        var isPrefix = false;
        var container = ContainerKinds.None;

        // 12. @type
        if (map is not null && map.TryGetPropertyValue(Keywords.Type, out var typeNode))
        {
            if (typeNode is not JsonValue tv || tv.GetValueKind() != JsonValueKind.String)
            {
                throw new JsonLdException(JsonLdErrorNames.InvalidTypeMapping, $"@type of term '{term}' must be a string");
            }

            var type = IriExpansion.Expand(active, tv.GetValue<string>(), documentRelative: false, vocab: true, frame);
            if (type is Keywords.Json or Keywords.None && op.IsJsonLd10)
            {
                throw new JsonLdException(JsonLdErrorNames.InvalidTypeMapping, $"@type {type} is not allowed in json-ld-1.0 processing mode");
            }

            if (type is not (Keywords.Id or Keywords.Json or Keywords.None or Keywords.Vocab) && (type is null || !Iri.IsAbsolute(type)))
            {
                throw new JsonLdException(JsonLdErrorNames.InvalidTypeMapping, $"@type of term '{term}' is not an IRI or @id, @json, @none, @vocab");
            }

            typeMapping = type;
        }

        // 13. @reverse
        if (map is not null && map.TryGetPropertyValue(Keywords.Reverse, out var reverseNode))
        {
            CreateReverse(frame, term, map, reverseNode, previous, isProtected, typeMapping);
            return;
        }

        // 14. @id
        JsonNode? idNode = null;
        var hasId = map is not null ? map.TryGetPropertyValue(Keywords.Id, out idNode) : true;
        if (map is not null && hasId && idNode is null)
        {
            idIsNull = true;
        }

        var idValue = map is null ? simpleId : idNode is JsonValue iv && iv.GetValueKind() == JsonValueKind.String ? iv.GetValue<string>() : null;
        if (hasId && !idIsNull && map is not null && idValue is null)
        {
            throw new JsonLdException(JsonLdErrorNames.InvalidIriMapping, $"@id of term '{term}' must be a string or null");
        }

        if (hasId && (idIsNull || idValue != term))
        {
            if (!idIsNull)
            {
                // 14.2.2 Values with the form of a keyword are reserved.
                if (!Keywords.IsKeyword(idValue!) && Keywords.HasKeywordForm(idValue!))
                {
                    op.DataLoss("reserved @id value", $"term '{term}' maps to '{idValue}', which has the form of a keyword");
                    frame.Defined.Remove(term);
                    return;
                }

                // 14.2.3
                iriMapping = IriExpansion.Expand(active, idValue, documentRelative: false, vocab: true, frame);
                if (iriMapping is null || !(Keywords.IsKeyword(iriMapping) || Iri.IsAbsolute(iriMapping) || Iri.IsBlankNode(iriMapping)))
                {
                    throw new JsonLdException(JsonLdErrorNames.InvalidIriMapping, $"term '{term}' does not map to an IRI, blank node identifier or keyword");
                }

                if (iriMapping == Keywords.Context)
                {
                    throw new JsonLdException(JsonLdErrorNames.InvalidKeywordAlias, "@context cannot be aliased");
                }

                // 14.2.4 A term that looks like an IRI must expand to that IRI.
                var hasInnerColon = term.Length > 2 && term.AsSpan(1, term.Length - 2).Contains(':');
                if (hasInnerColon || term.Contains('/', StringComparison.Ordinal))
                {
                    frame.Defined[term] = true;
                    var asIri = IriExpansion.Expand(active, term, documentRelative: false, vocab: true, frame);
                    if (!string.Equals(asIri, iriMapping, StringComparison.Ordinal))
                    {
                        throw new JsonLdException(JsonLdErrorNames.InvalidIriMapping, $"term '{term}' looks like an IRI but maps to a different one");
                    }
                }

                // 14.2.5 Simple terms ending in a gen-delim (or mapping to a blank node) can be prefixes.
                if (simpleTerm && !term.Contains(':', StringComparison.Ordinal) && !term.Contains('/', StringComparison.Ordinal)
                    && (Iri.IsBlankNode(iriMapping) || (iriMapping.Length > 0 && ":/?#[]@".Contains(iriMapping[^1], StringComparison.Ordinal))))
                {
                    isPrefix = true;
                }
            }
        }
        else
        {
            var colon = term.Length > 1 ? term.IndexOf(':', 1) : -1;
            if (colon > 0)
            {
                // 15. Compact IRI, absolute IRI or blank node identifier.
                var prefix = term[..colon];
                var isCompact = prefix != "_" && string.CompareOrdinal(term, colon + 1, "//", 0, 2) != 0;
                if (isCompact && frame.Local.ContainsKey(prefix))
                {
                    Create(frame, prefix);
                }

                iriMapping = isCompact && active.TryGetTerm(prefix, out var prefixDefinition)
                    ? prefixDefinition.IriMapping + term[(colon + 1)..]
                    : term;
            }
            else if (term.Contains('/', StringComparison.Ordinal))
            {
                // 16. A relative IRI reference.
                // Expanded without the local context: the term itself is being defined (test er49).
                iriMapping = IriExpansion.Expand(active, term, documentRelative: false, vocab: true, frame: null);
                if (iriMapping is null || !Iri.IsAbsolute(iriMapping))
                {
                    throw new JsonLdException(JsonLdErrorNames.InvalidIriMapping, $"term '{term}' is a relative IRI with no vocabulary mapping to resolve it");
                }
            }
            else if (term == Keywords.Type)
            {
                // 17.
                iriMapping = Keywords.Type;
            }
            else if (active.Vocab is not null)
            {
                // 18.
                iriMapping = active.Vocab + term;
            }
            else
            {
                throw new JsonLdException(JsonLdErrorNames.InvalidIriMapping, $"term '{term}' has no @id and there is no @vocab");
            }
        }

        // 19. @container
        if (map is not null && map.TryGetPropertyValue(Keywords.Container, out var containerNode))
        {
            container = ReadContainer(op, term, containerNode);
            if (container.HasFlag(ContainerKinds.Type))
            {
                typeMapping ??= Keywords.Id;
                if (typeMapping is not (Keywords.Id or Keywords.Vocab))
                {
                    throw new JsonLdException(JsonLdErrorNames.InvalidTypeMapping, $"a type map term '{term}' must have @type @id or @vocab");
                }
            }
        }

        // 20. @index
        string? indexMapping = null;
        if (map is not null && map.TryGetPropertyValue(Keywords.Index, out var indexNode))
        {
            indexMapping = ReadIndexMapping(frame, term, container, indexNode);
        }

        // 21. @context: a scoped context, validated now and applied during expansion.
        var hasLocalContext = false;
        JsonNode? localContext = null;
        if (map is not null && map.TryGetPropertyValue(Keywords.Context, out localContext))
        {
            if (op.IsJsonLd10)
            {
                throw new JsonLdException(JsonLdErrorNames.InvalidTermDefinition, "scoped contexts are not allowed in json-ld-1.0 processing mode");
            }

            ValidateScopedContext(frame, term, localContext);
            hasLocalContext = true;
        }

        // 22. @language
        var hasLanguage = false;
        string? language = null;
        if (map is not null && !map.ContainsKey(Keywords.Type) && map.TryGetPropertyValue(Keywords.Language, out var languageNode))
        {
            language = languageNode switch
            {
                null => null,
                JsonValue lv when lv.GetValueKind() == JsonValueKind.String => lv.GetValue<string>(),
                _ => throw new JsonLdException(JsonLdErrorNames.InvalidLanguageMapping, $"@language of term '{term}' must be a string or null"),
            };
            hasLanguage = true;
        }

        // 23. @direction
        var hasDirection = false;
        string? direction = null;
        if (map is not null && !map.ContainsKey(Keywords.Type) && map.TryGetPropertyValue(Keywords.Direction, out var directionNode))
        {
            direction = ContextProcessor.ReadDirection(directionNode);
            hasDirection = true;
        }

        // 24. @nest
        string? nest = null;
        if (map is not null && map.TryGetPropertyValue(Keywords.Nest, out var nestNode))
        {
            if (op.IsJsonLd10)
            {
                throw new JsonLdException(JsonLdErrorNames.InvalidTermDefinition, "@nest is not allowed in json-ld-1.0 processing mode");
            }

            nest = nestNode is JsonValue nv && nv.GetValueKind() == JsonValueKind.String
                && (nv.GetValue<string>() == Keywords.Nest || !Keywords.IsKeyword(nv.GetValue<string>()))
                ? nv.GetValue<string>()
                : throw new JsonLdException(JsonLdErrorNames.InvalidNestValue, $"@nest of term '{term}' must be a term or @nest");
        }

        // 25. @prefix
        if (map is not null && map.TryGetPropertyValue(Keywords.Prefix, out var prefixNode))
        {
            if (op.IsJsonLd10 || term.Contains(':', StringComparison.Ordinal) || term.Contains('/', StringComparison.Ordinal))
            {
                throw new JsonLdException(JsonLdErrorNames.InvalidTermDefinition, $"@prefix is not allowed on term '{term}'");
            }

            isPrefix = prefixNode is JsonValue pfv && pfv.GetValueKind() is JsonValueKind.True or JsonValueKind.False
                ? pfv.GetValueKind() == JsonValueKind.True
                : throw new JsonLdException(JsonLdErrorNames.InvalidPrefixValue, $"@prefix of term '{term}' must be true or false");
            if (isPrefix && iriMapping is not null && Keywords.IsKeyword(iriMapping))
            {
                throw new JsonLdException(JsonLdErrorNames.InvalidTermDefinition, $"keyword alias '{term}' cannot be a prefix");
            }
        }

        // 26. No other entries.
        if (map is not null)
        {
            foreach (var (key, _) in map)
            {
                if (key is not (Keywords.Id or Keywords.Reverse or Keywords.Container or Keywords.Context or Keywords.Direction
                    or Keywords.Index or Keywords.Language or Keywords.Nest or Keywords.Prefix or Keywords.Protected or Keywords.Type))
                {
                    throw new JsonLdException(JsonLdErrorNames.InvalidTermDefinition, $"term '{term}' has an unknown entry '{key}'");
                }
            }
        }

        var definition = new TermDefinition
        {
            IriMapping = idIsNull ? null : iriMapping,
            IsPrefix = isPrefix,
            IsProtected = isProtected,
            BaseUrl = frame.BaseUrl,
            HasLocalContext = hasLocalContext,
            LocalContext = localContext,
            LocalContextPinned = frame.Pinned,
            Container = container,
            HasDirection = hasDirection,
            Direction = direction,
            IndexMapping = indexMapping,
            HasLanguage = hasLanguage,
            Language = language,
            Nest = nest,
            TypeMapping = typeMapping,
        };

        Finish(frame, term, definition, previous);
    }

    /// <summary>Steps 27-28: protected terms cannot change, except through a scoped context that may override them.</summary>
    private static void Finish(TermFrame frame, string term, TermDefinition definition, TermDefinition? previous)
    {
        if (!frame.OverrideProtected && previous is { IsProtected: true })
        {
            if (!definition.SameAs(previous))
            {
                throw new JsonLdException(JsonLdErrorNames.ProtectedTermRedefinition, $"protected term '{term}' cannot be redefined");
            }

            definition = previous;
        }

        frame.Active.SetTerm(term, definition);
        frame.Defined[term] = true;
    }

    /// <summary>Step 13: a reverse property.</summary>
    private static void CreateReverse(TermFrame frame, string term, JsonObject map, JsonNode? reverseNode, TermDefinition? previous, bool isProtected, string? typeMapping)
    {
        if (map.ContainsKey(Keywords.Id) || map.ContainsKey(Keywords.Nest))
        {
            throw new JsonLdException(JsonLdErrorNames.InvalidReverseProperty, $"reverse term '{term}' cannot have @id or @nest");
        }

        if (reverseNode is not JsonValue rv || rv.GetValueKind() != JsonValueKind.String)
        {
            throw new JsonLdException(JsonLdErrorNames.InvalidIriMapping, $"@reverse of term '{term}' must be a string");
        }

        var reverse = rv.GetValue<string>();
        if (Keywords.HasKeywordForm(reverse))
        {
            frame.Op.DataLoss("reserved @reverse value", $"term '{term}' reverses '{reverse}', which has the form of a keyword");
            frame.Defined.Remove(term);
            return;
        }

        var iriMapping = IriExpansion.Expand(frame.Active, reverse, documentRelative: false, vocab: true, frame);
        if (iriMapping is null || !(Iri.IsAbsolute(iriMapping) || Iri.IsBlankNode(iriMapping)))
        {
            throw new JsonLdException(JsonLdErrorNames.InvalidIriMapping, $"@reverse of term '{term}' is not an IRI or blank node identifier");
        }

        var container = ContainerKinds.None;
        if (map.TryGetPropertyValue(Keywords.Container, out var containerNode))
        {
            container = containerNode switch
            {
                null => ContainerKinds.None,
                JsonValue cv when cv.GetValueKind() == JsonValueKind.String && cv.GetValue<string>() == Keywords.Set => ContainerKinds.Set,
                JsonValue cv when cv.GetValueKind() == JsonValueKind.String && cv.GetValue<string>() == Keywords.Index => ContainerKinds.Index,
                _ => throw new JsonLdException(JsonLdErrorNames.InvalidReverseProperty, $"reverse term '{term}' supports only @set and @index containers"),
            };
        }

        // jsonld.js also honours @index on reverse properties (test 0131).
        string? indexMapping = null;
        if (map.TryGetPropertyValue(Keywords.Index, out var indexNode))
        {
            indexMapping = ReadIndexMapping(frame, term, container, indexNode);
        }

        var definition = new TermDefinition
        {
            IriMapping = iriMapping,
            IsProtected = isProtected,
            IsReverse = true,
            BaseUrl = frame.BaseUrl,
            Container = container,
            IndexMapping = indexMapping,
            TypeMapping = typeMapping,
        };
        Finish(frame, term, definition, previous);
    }

    /// <summary>Step 20: a property-valued index names a property whose IRI replaces @index.</summary>
    private static string ReadIndexMapping(TermFrame frame, string term, ContainerKinds container, JsonNode? indexNode)
    {
        if (frame.Op.IsJsonLd10 || !container.HasFlag(ContainerKinds.Index))
        {
            throw new JsonLdException(JsonLdErrorNames.InvalidTermDefinition, $"@index of term '{term}' needs an @index container");
        }

        if (indexNode is not JsonValue xv || xv.GetValueKind() != JsonValueKind.String
            || Keywords.IsKeyword(xv.GetValue<string>())
            || IriExpansion.Expand(frame.Active, xv.GetValue<string>(), documentRelative: false, vocab: true, frame) is not { } expandedIndex
            || !Iri.IsAbsolute(expandedIndex))
        {
            throw new JsonLdException(JsonLdErrorNames.InvalidTermDefinition, $"@index of term '{term}' must expand to an IRI");
        }

        return xv.GetValue<string>();
    }

    /// <summary>Step 4: in 1.1, @type may only be given a <c>@set</c> container and/or <c>@protected</c>.</summary>
    private static void ValidateTypeRedefinition(JsonNode? value)
    {
        if (value is JsonObject map && map.Count > 0)
        {
            foreach (var (key, entry) in map)
            {
                var valid = key switch
                {
                    Keywords.Container => entry is JsonValue cv && cv.GetValueKind() == JsonValueKind.String && cv.GetValue<string>() == Keywords.Set,
                    Keywords.Protected => true,
                    _ => false,
                };
                if (!valid)
                {
                    throw new JsonLdException(JsonLdErrorNames.KeywordRedefinition, "@type may only be given \"@container\": \"@set\" and @protected");
                }
            }

            return;
        }

        throw new JsonLdException(JsonLdErrorNames.KeywordRedefinition, "@type may only be given \"@container\": \"@set\" and @protected");
    }

    /// <summary>Step 19.1-19.2: the allowed container mappings.</summary>
    private static ContainerKinds ReadContainer(JsonLdOperation op, string term, JsonNode? node)
    {
        var kinds = ContainerKinds.None;
        var count = 0;
        if (node is JsonValue single && single.GetValueKind() == JsonValueKind.String)
        {
            kinds = Kind(single.GetValue<string>());
            count = 1;
            if (op.IsJsonLd10 && kinds is ContainerKinds.Graph or ContainerKinds.Id or ContainerKinds.Type)
            {
                throw new JsonLdException(JsonLdErrorNames.InvalidContainerMapping, $"container of term '{term}' is not allowed in json-ld-1.0 processing mode");
            }
        }
        else if (node is JsonArray array && !op.IsJsonLd10)
        {
            foreach (var item in array)
            {
                if (item is not JsonValue iv || iv.GetValueKind() != JsonValueKind.String)
                {
                    throw Invalid(term);
                }

                var kind = Kind(iv.GetValue<string>());
                if ((kinds & kind) != 0)
                {
                    throw Invalid(term);
                }

                kinds |= kind;
                count++;
            }
        }
        else
        {
            throw Invalid(term);
        }

        if (count == 0 || kinds == ContainerKinds.None)
        {
            throw Invalid(term);
        }

        if (count > 1)
        {
            var others = kinds & ~ContainerKinds.Set;
            var valid = kinds.HasFlag(ContainerKinds.Graph)
                ? (others & ~ContainerKinds.Graph) is ContainerKinds.None or ContainerKinds.Id or ContainerKinds.Index
                : kinds.HasFlag(ContainerKinds.Set) && !kinds.HasFlag(ContainerKinds.List) && count == 2;
            if (!valid)
            {
                throw Invalid(term);
            }
        }

        return kinds;

        static ContainerKinds Kind(string value) => value switch
        {
            Keywords.Graph => ContainerKinds.Graph,
            Keywords.Id => ContainerKinds.Id,
            Keywords.Index => ContainerKinds.Index,
            Keywords.Language => ContainerKinds.Language,
            Keywords.List => ContainerKinds.List,
            Keywords.Set => ContainerKinds.Set,
            Keywords.Type => ContainerKinds.Type,
            _ => ContainerKinds.None,
        };

        static JsonLdException Invalid(string term) =>
            new(JsonLdErrorNames.InvalidContainerMapping, $"container of term '{term}' is not an allowed combination");
    }

    /// <summary>Step 21.3: process the scoped context now to find its errors; the result is discarded.</summary>
    private static void ValidateScopedContext(TermFrame frame, string term, JsonNode? context)
    {
        var remote = frame.RemoteContexts is null ? null : new List<string>(frame.RemoteContexts);
        try
        {
            ContextProcessor.ProcessCore(frame.Op, frame.Active, context, frame.BaseUrl, remote, overrideProtected: true, propagate: true, validateScopedContext: false, frame.Pinned);
        }
        catch (JsonLdException inner) when (inner.Code != Common.ErrorCodes.DataLossDetection && inner.Name != JsonLdErrorNames.InvalidScopedContext)
        {
            throw new JsonLdException(JsonLdErrorNames.InvalidScopedContext, $"scoped context of term '{term}': {inner.Message}", KeepSpecificCode(inner));
        }
    }

    private static string? KeepSpecificCode(JsonLdException inner) =>
        inner.Code == Common.ErrorCodes.JsonLdProcessing ? null : inner.Code;
}
