using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenLer.Credentials.JsonLd;

/// <content>Steps 13.5-13.14 of the Expansion Algorithm (property entries) and §5.3 Value Expansion.</content>
internal sealed partial class Expander
{
    private void ExpandProperty(ActiveContext active, string key, string expandedProperty, JsonNode? value, LdMap result, string? baseUrl)
    {
        // 13.5
        var definition = active.GetTerm(key);
        var container = definition?.Container ?? ContainerKinds.None;
        object? expandedValue;

        if (definition?.TypeMapping == Keywords.Json)
        {
            // 13.6 A JSON literal.
            expandedValue = new LdMap(2) { [Keywords.Value] = new JsonLiteral(value), [Keywords.Type] = Keywords.Json };
        }
        else if (container.HasFlag(ContainerKinds.Language) && value is JsonObject languageMap)
        {
            // 13.7 Language map.
            expandedValue = ExpandLanguageMap(active, definition!, languageMap);
        }
        else if ((container & (ContainerKinds.Index | ContainerKinds.Type | ContainerKinds.Id)) != 0 && value is JsonObject indexMap)
        {
            // 13.8 Index, id and type maps.
            expandedValue = ExpandIndexMap(active, key, definition!, indexMap, baseUrl);
        }
        else
        {
            // 13.9
            expandedValue = Expand(active, key, value, baseUrl);
        }

        // 13.10
        if (expandedValue is null)
        {
            return;
        }

        // 13.11 List containers.
        if (container.HasFlag(ContainerKinds.List) && !(expandedValue is LdMap lm && lm.IsListObject))
        {
            expandedValue = new LdMap(1) { [Keywords.List] = AsList(expandedValue) };
        }

        // 13.12 Graph containers (not id or index maps): each value becomes a graph object.
        if (container.HasFlag(ContainerKinds.Graph) && (container & (ContainerKinds.Id | ContainerKinds.Index)) == 0)
        {
            var graphs = new List<object?>();
            foreach (var item in AsList(expandedValue))
            {
                graphs.Add(new LdMap(1) { [Keywords.Graph] = AsList(item) });
            }

            expandedValue = graphs;
        }

        // 13.13 Reverse properties.
        if (definition is { IsReverse: true })
        {
            var reverseMap = GetReverseMap(result);
            foreach (var item in AsList(expandedValue))
            {
                if (item is LdMap m && (m.IsValueObject || m.IsListObject))
                {
                    throw new JsonLdException(JsonLdErrorNames.InvalidReversePropertyValue, $"reverse property '{key}' cannot have a value or list");
                }

                reverseMap.AddValue(expandedProperty, item);
            }

            return;
        }

        // 13.14
        result.AddValue(expandedProperty, expandedValue);
    }

    /// <summary>13.7: <c>{"en": "...", "fr": ["...", "..."]}</c>.</summary>
    private static List<object?> ExpandLanguageMap(ActiveContext active, TermDefinition definition, JsonObject map)
    {
        var expanded = new List<object?>();
        var direction = definition.HasDirection ? definition.Direction : active.DefaultDirection;
        foreach (var (language, languageValue) in map)
        {
            var isNone = language == Keywords.None
                || IriExpansion.Expand(active, language, documentRelative: false, vocab: true, frame: null) == Keywords.None;
            var items = languageValue is JsonArray array ? (IEnumerable<JsonNode?>)array : [languageValue];
            foreach (var item in items)
            {
                if (item is null)
                {
                    continue;
                }

                if (item is not JsonValue sv || sv.GetValueKind() != JsonValueKind.String)
                {
                    throw new JsonLdException(JsonLdErrorNames.InvalidLanguageMapValue, $"language map values must be strings (in '{language}')");
                }

                var v = new LdMap(3) { [Keywords.Value] = sv.GetValue<string>() };
                if (!isNone)
                {
                    v[Keywords.Language] = language;
                }

                if (direction is not null)
                {
                    v[Keywords.Direction] = direction;
                }

                expanded.Add(v);
            }
        }

        return expanded;
    }

    /// <summary>13.8: index maps, id maps and type maps (optionally graph containers too).</summary>
    private List<object?> ExpandIndexMap(ActiveContext active, string key, TermDefinition definition, JsonObject map, string? baseUrl)
    {
        var container = definition.Container;
        var expanded = new List<object?>();
        var indexKey = definition.IndexMapping ?? Keywords.Index;
        var isIdOrType = (container & (ContainerKinds.Id | ContainerKinds.Type)) != 0;
        foreach (var (index, indexValue) in map)
        {
            // 13.8.3.1-13.8.3.3 The context values are expanded in.
            var mapContext = isIdOrType ? active.PreviousContext ?? active : active;
            if (container.HasFlag(ContainerKinds.Type) && mapContext.TryGetTerm(index, out var indexTerm) && indexTerm.HasLocalContext)
            {
                mapContext = ContextProcessor.Process(op, mapContext, indexTerm.LocalContext, indexTerm.BaseUrl, indexTerm.LocalContextPinned);
            }

            // 13.8.3.4
            var expandedIndex = IriExpansion.Expand(active, index, documentRelative: false, vocab: true, frame: null);

            // 13.8.3.5-13.8.3.6
            var items = AsList(Expand(mapContext, key, indexValue, baseUrl, fromMap: true));

            foreach (var element in items)
            {
                var item = element;

                // 13.8.3.7.1 Graph containers wrap values that are not already graphs.
                if (container.HasFlag(ContainerKinds.Graph) && !(item is LdMap g && g.IsGraphObject))
                {
                    item = new LdMap(1) { [Keywords.Graph] = AsList(item) };
                }

                if (item is not LdMap itemMap)
                {
                    expanded.Add(item);
                    continue;
                }

                if (container.HasFlag(ContainerKinds.Index) && indexKey != Keywords.Index && expandedIndex != Keywords.None)
                {
                    // 13.8.3.7.2 Property-valued index.
                    var reExpandedIndex = ExpandValue(active, indexKey, JsonValue.Create(index));
                    var expandedIndexKey = IriExpansion.Expand(active, indexKey, documentRelative: false, vocab: true, frame: null)!;
                    var values = new List<object?> { reExpandedIndex };
                    if (itemMap.TryGetValue(expandedIndexKey, out var existingValues))
                    {
                        values.AddRange(AsList(existingValues));
                    }

                    itemMap[expandedIndexKey] = values;
                    if (itemMap.IsValueObject)
                    {
                        throw new JsonLdException(JsonLdErrorNames.InvalidValueObject, $"a value in index map '{key}' cannot get property '{indexKey}'");
                    }
                }
                else if (container.HasFlag(ContainerKinds.Index) && !itemMap.ContainsKey(Keywords.Index) && expandedIndex != Keywords.None)
                {
                    // 13.8.3.7.3
                    itemMap[Keywords.Index] = index;
                }
                else if (container.HasFlag(ContainerKinds.Id) && !itemMap.ContainsKey(Keywords.Id) && expandedIndex != Keywords.None)
                {
                    // 13.8.3.7.4
                    itemMap[Keywords.Id] = ExpandNodeId(active, index);
                }
                else if (container.HasFlag(ContainerKinds.Type) && expandedIndex != Keywords.None)
                {
                    // 13.8.3.7.5
                    if (op.Safe)
                    {
                        ExpandType(active, index);
                    }

                    var types = new List<object?> { expandedIndex };
                    if (itemMap.TryGetValue(Keywords.Type, out var existingTypes))
                    {
                        types.AddRange(AsList(existingTypes));
                    }

                    itemMap[Keywords.Type] = types;
                }

                expanded.Add(itemMap);
            }
        }

        return expanded;
    }

    /// <summary>JSON-LD API §5.3.2 Value Expansion.</summary>
    private LdMap ExpandValue(ActiveContext active, string activeProperty, JsonValue value)
    {
        op.AddWork(1);
        var definition = active.GetTerm(activeProperty);
        var typeMapping = definition?.TypeMapping;
        var isString = value.GetValueKind() == JsonValueKind.String;

        // 1.-2. Node references.
        if (isString && typeMapping is Keywords.Id or Keywords.Vocab)
        {
            var text = value.GetValue<string>();
            var id = typeMapping == Keywords.Id
                ? ExpandNodeId(active, text)
                : ExpandVocabId(active, text);
            return new LdMap(1) { [Keywords.Id] = id };
        }

        // 3.
        var result = new LdMap(3) { [Keywords.Value] = Scalar(value) };

        // 4.
        if (typeMapping is not null and not (Keywords.Id or Keywords.Vocab or Keywords.None))
        {
            result[Keywords.Type] = typeMapping;
        }
        else if (isString)
        {
            // 5. Language and direction.
            var language = definition is { HasLanguage: true } ? definition.Language : active.DefaultLanguage;
            var direction = definition is { HasDirection: true } ? definition.Direction : active.DefaultDirection;
            if (language is not null)
            {
                result[Keywords.Language] = language;
            }

            if (direction is not null)
            {
                result[Keywords.Direction] = direction;
            }
        }

        return result;
    }

    private string? ExpandVocabId(ActiveContext active, string value)
    {
        var expanded = IriExpansion.Expand(active, value, documentRelative: true, vocab: true, frame: null);
        if (expanded is null)
        {
            op.DataLoss("reserved @id value", $"value '{value}' has the form of a keyword");
        }
        else if (op.Safe && !Iri.IsAbsolute(expanded) && !Iri.IsBlankNode(expanded))
        {
            op.DataLoss("relative @id reference", $"value '{value}' is not defined by the context and is not an absolute IRI");
        }

        return expanded;
    }
}
