using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenLer.Credentials.JsonLd;

/// <summary>
/// JSON-LD API §5.1 Expansion Algorithm (frame expansion and the ordered flag are not supported: output map order is
/// insignificant). Steps are numbered as in the Recommendation. Produces the internal representation
/// (<see cref="LdMap"/>, <see cref="List{T}"/>); in safe mode every place the algorithm drops data reports it.
/// </summary>
internal sealed partial class Expander(JsonLdOperation op)
{
    /// <summary>Expands <paramref name="element"/>; returns null, an <see cref="LdMap"/> or a list.</summary>
    public object? Expand(ActiveContext active, string? activeProperty, JsonNode? element, string? baseUrl, bool fromMap = false)
    {
        // 1.
        if (element is null)
        {
            return null;
        }

        op.EnterExpansion();
        try
        {
            // 3. The property-scoped context of the active property, looked up before any revert.
            var propertyDefinition = active.GetTerm(activeProperty);

            switch (element)
            {
                case JsonValue scalar:
                    return ExpandScalar(active, activeProperty, propertyDefinition, scalar);
                case JsonArray array:
                    return ExpandArray(active, activeProperty, propertyDefinition, array, baseUrl, fromMap);
                default:
                    return ExpandMap(active, activeProperty, propertyDefinition, (JsonObject)element, baseUrl, fromMap);
            }
        }
        finally
        {
            op.ExitExpansion();
        }
    }

    /// <summary>Step 4.</summary>
    private LdMap? ExpandScalar(ActiveContext active, string? activeProperty, TermDefinition? propertyDefinition, JsonValue scalar)
    {
        if (activeProperty is null or Keywords.Graph)
        {
            op.DataLoss("free-floating scalar", $"the value {scalar.ToJsonString()} is not the value of any property");
            return null;
        }

        if (propertyDefinition is { HasLocalContext: true })
        {
            active = ContextProcessor.Process(op, active, propertyDefinition.LocalContext, propertyDefinition.BaseUrl, propertyDefinition.LocalContextPinned);
        }

        return ExpandValue(active, activeProperty, scalar);
    }

    /// <summary>Step 5.</summary>
    private List<object?> ExpandArray(ActiveContext active, string? activeProperty, TermDefinition? propertyDefinition, JsonArray array, string? baseUrl, bool fromMap)
    {
        var result = new List<object?>(array.Count);
        var isList = propertyDefinition is not null && propertyDefinition.Container.HasFlag(ContainerKinds.List);
        foreach (var item in array)
        {
            var expanded = Expand(active, activeProperty, item, baseUrl, fromMap);
            if (isList && expanded is List<object?> nested)
            {
                expanded = new LdMap(1) { [Keywords.List] = nested };
            }

            if (expanded is List<object?> items)
            {
                result.AddRange(items);
            }
            else if (expanded is not null)
            {
                result.Add(expanded);
            }
        }

        return result;
    }

    /// <summary>Steps 6-20.</summary>
    private object? ExpandMap(ActiveContext active, string? activeProperty, TermDefinition? propertyDefinition, JsonObject element, string? baseUrl, bool fromMap)
    {
        op.AddWork(1);

        // 7. A non-propagated context does not apply to a new node object.
        if (active.PreviousContext is not null && !fromMap && !KeepsScopedContext(active, element))
        {
            active = active.PreviousContext;
        }

        // 8. Property-scoped context.
        if (propertyDefinition is { HasLocalContext: true })
        {
            active = ContextProcessor.Process(op, active, propertyDefinition.LocalContext, propertyDefinition.BaseUrl, propertyDefinition.LocalContextPinned, overrideProtected: true);
        }

        // 9. Embedded context.
        if (element.TryGetPropertyValue(Keywords.Context, out var embedded))
        {
            active = ContextProcessor.Process(op, active, embedded, baseUrl, pinned: false);
        }

        // 10.-11. Type-scoped contexts, in lexicographic order of the keys and values.
        var typeScopedContext = active;
        var typeKeys = TypeKeys(active, element);
        if (typeKeys is not null)
        {
            foreach (var key in typeKeys)
            {
                foreach (var term in SortedStrings(element[key]))
                {
                    if (typeScopedContext.TryGetTerm(term, out var definition) && definition.HasLocalContext)
                    {
                        active = ContextProcessor.Process(op, active, definition.LocalContext, definition.BaseUrl, definition.LocalContextPinned, propagate: false);
                    }
                }
            }
        }

        // 12. The input type: the last value of the first key expanding to @type.
        var result = new LdMap();
        string? inputType = null;
        var inputTypeKeys = typeKeys is null ? null : TypeKeys(active, element);
        if (inputTypeKeys is { Count: > 0 })
        {
            var typeValue = element[inputTypeKeys[0]];
            var last = typeValue is JsonArray ta ? (ta.Count > 0 ? ta[^1] : null) : typeValue;
            if (last is JsonValue lv && lv.GetValueKind() == JsonValueKind.String)
            {
                inputType = IriExpansion.Expand(active, lv.GetValue<string>(), documentRelative: false, vocab: true, frame: null);
            }
        }

        // 13.-14.
        ExpandEntries(active, typeScopedContext, activeProperty, element, result, inputType, baseUrl);

        return FinishMap(activeProperty, result);
    }

    /// <summary>Step 7: true when the element has a key expanding to @value or consists of a single key expanding to @id.</summary>
    private static bool KeepsScopedContext(ActiveContext active, JsonObject element)
    {
        foreach (var (key, _) in element)
        {
            if (ExpandsTo(active, key, Keywords.Value))
            {
                return true;
            }
        }

        if (element.Count == 1)
        {
            foreach (var (key, _) in element)
            {
                return ExpandsTo(active, key, Keywords.Id);
            }
        }

        return false;
    }

    /// <summary>Whether a key IRI-expands (vocab) to the keyword: the keyword itself or an alias of it.</summary>
    private static bool ExpandsTo(ActiveContext active, string key, string keyword) =>
        key == keyword || (active.TryGetTerm(key, out var definition) && definition.IriMapping == keyword);

    /// <summary>The keys of <paramref name="element"/> expanding to @type, sorted; null when there are none.</summary>
    private static List<string>? TypeKeys(ActiveContext active, JsonObject element)
    {
        List<string>? keys = null;
        foreach (var (key, _) in element)
        {
            if (ExpandsTo(active, key, Keywords.Type))
            {
                (keys ??= []).Add(key);
            }
        }

        keys?.Sort(StringComparer.Ordinal);
        return keys;
    }

    private static List<string> SortedStrings(JsonNode? value)
    {
        var terms = new List<string>();
        if (value is JsonArray array)
        {
            foreach (var item in array)
            {
                if (item is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                {
                    terms.Add(v.GetValue<string>());
                }
            }

            terms.Sort(StringComparer.Ordinal);
        }
        else if (value is JsonValue single && single.GetValueKind() == JsonValueKind.String)
        {
            terms.Add(single.GetValue<string>());
        }

        return terms;
    }

    /// <summary>Steps 15-20: validate value, list and set objects and drop what cannot stand alone.</summary>
    private object? FinishMap(string? activeProperty, LdMap result)
    {
        object? output = result;

        // 15. Value objects.
        if (result.TryGetValue(Keywords.Value, out var value))
        {
            foreach (var key in result.Keys)
            {
                if (key is not (Keywords.Direction or Keywords.Index or Keywords.Language or Keywords.Type or Keywords.Value))
                {
                    throw new JsonLdException(JsonLdErrorNames.InvalidValueObject, $"a value object cannot have '{key}'");
                }
            }

            var hasType = result.TryGetValue(Keywords.Type, out var type);
            if (hasType && (result.ContainsKey(Keywords.Language) || result.ContainsKey(Keywords.Direction)))
            {
                throw new JsonLdException(JsonLdErrorNames.InvalidValueObject, "a value object cannot have both @type and @language or @direction");
            }

            if (hasType && type is string t && t == Keywords.Json)
            {
                return result;
            }

            if (value is null || (value is List<object?> { Count: 0 }))
            {
                return null;
            }

            if (value is not string && result.ContainsKey(Keywords.Language))
            {
                throw new JsonLdException(JsonLdErrorNames.InvalidLanguageTaggedValue, "only strings can have a language");
            }

            if (hasType && (type is not string datatype || !Iri.IsAbsolute(datatype)))
            {
                throw new JsonLdException(JsonLdErrorNames.InvalidTypedValue, "the @type of a value object must be an IRI");
            }
        }
        else if (result.TryGetValue(Keywords.Type, out var types) && types is not List<object?>)
        {
            // 16.
            result[Keywords.Type] = new List<object?> { types };
        }
        else if (result.TryGetValue(Keywords.Set, out var set) || result.ContainsKey(Keywords.List))
        {
            // 17. Set and list objects.
            if (result.Count > 2 || (result.Count == 2 && !result.ContainsKey(Keywords.Index)))
            {
                throw new JsonLdException(JsonLdErrorNames.InvalidSetOrListObject, "a set or list object may only have @index besides");
            }

            if (result.ContainsKey(Keywords.Set))
            {
                output = set;
            }
        }

        // 18. A map with only @language says nothing.
        if (output is LdMap onlyLanguage && onlyLanguage.Count == 1 && onlyLanguage.ContainsKey(Keywords.Language))
        {
            op.DataLoss("object with only @language", "a map with only @language has no value");
            return null;
        }

        // 19. Free-floating values at the top level or in @graph.
        if (activeProperty is null or Keywords.Graph && output is LdMap top)
        {
            if (top.Count == 0 || top.ContainsKey(Keywords.Value) || top.ContainsKey(Keywords.List))
            {
                if (top.Count > 0)
                {
                    op.DataLoss(top.ContainsKey(Keywords.List) ? "object with only @list" : "free-floating value", "a value or list outside of any property");
                }

                return null;
            }

            if (top.Count == 1 && top.TryGetValue(Keywords.Id, out var onlyId))
            {
                op.DataLoss("object with only @id", $"the node {onlyId} has no properties");
                return null;
            }
        }

        return output;
    }
}
