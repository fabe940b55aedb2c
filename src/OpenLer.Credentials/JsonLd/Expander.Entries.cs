using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenLer.Credentials.JsonLd;

/// <content>Steps 13 and 14 of the Expansion Algorithm: each entry of a map, then nested properties.</content>
internal sealed partial class Expander
{
    private void ExpandEntries(ActiveContext active, ActiveContext typeScopedContext, string? activeProperty, JsonObject element, LdMap result, string? inputType, string? baseUrl)
    {
        List<string>? nests = null;
        foreach (var (key, value) in element)
        {
            // 13.1
            if (key == Keywords.Context)
            {
                continue;
            }

            // 13.2-13.3
            var expandedProperty = IriExpansion.Expand(active, key, documentRelative: false, vocab: true, frame: null);
            if (expandedProperty is null || (!expandedProperty.Contains(':', StringComparison.Ordinal) && !Keywords.IsKeyword(expandedProperty)))
            {
                op.DataLoss("invalid property", $"'{key}' is not defined by the context and does not expand to an absolute IRI");
                continue;
            }

            // 13.4
            if (Keywords.IsKeyword(expandedProperty))
            {
                if (expandedProperty == Keywords.Nest)
                {
                    if (activeProperty == Keywords.Reverse)
                    {
                        throw new JsonLdException(JsonLdErrorNames.InvalidReversePropertyMap, "a reverse property map cannot contain keywords");
                    }

                    // 13.4.14
                    (nests ??= []).Add(key);
                    continue;
                }

                ExpandKeyword(active, typeScopedContext, activeProperty, key, expandedProperty, value, result, inputType, baseUrl);
                continue;
            }

            ExpandProperty(active, key, expandedProperty, value, result, baseUrl);
        }

        // 14. Nested properties, merged into the same result.
        if (nests is not null)
        {
            foreach (var nestingKey in nests)
            {
                var nested = element[nestingKey];
                var values = nested is JsonArray array ? (IEnumerable<JsonNode?>)array : [nested];
                foreach (var nestedValue in values)
                {
                    if (nestedValue is not JsonObject nestedMap || HasValueKey(active, nestedMap))
                    {
                        throw new JsonLdException(JsonLdErrorNames.InvalidNestValue, $"the value of '{nestingKey}' must be a map without @value");
                    }

                    // The nesting term's scoped context applies to the nested properties, as in jsonld.js (test c037).
                    var nestContext = active;
                    if (active.TryGetTerm(nestingKey, out var nestTerm) && nestTerm.HasLocalContext)
                    {
                        nestContext = ContextProcessor.Process(op, active, nestTerm.LocalContext, nestTerm.BaseUrl, nestTerm.LocalContextPinned, overrideProtected: true);
                    }

                    op.EnterExpansion();
                    try
                    {
                        ExpandEntries(nestContext, typeScopedContext, activeProperty, nestedMap, result, inputType, baseUrl);
                    }
                    finally
                    {
                        op.ExitExpansion();
                    }
                }
            }
        }
    }

    private static bool HasValueKey(ActiveContext active, JsonObject map)
    {
        foreach (var (key, _) in map)
        {
            if (IriExpansion.Expand(active, key, documentRelative: false, vocab: true, frame: null) == Keywords.Value)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Step 13.4: a keyword entry.</summary>
    private void ExpandKeyword(ActiveContext active, ActiveContext typeScopedContext, string? activeProperty, string key, string keyword, JsonNode? value, LdMap result, string? inputType, string? baseUrl)
    {
        // 13.4.1
        if (activeProperty == Keywords.Reverse)
        {
            throw new JsonLdException(JsonLdErrorNames.InvalidReversePropertyMap, "a reverse property map cannot contain keywords");
        }

        // 13.4.2
        if (result.ContainsKey(keyword) && (op.IsJsonLd10 || keyword is not (Keywords.Included or Keywords.Type)))
        {
            throw new JsonLdException(JsonLdErrorNames.CollidingKeywords, $"{keyword} is given twice (through '{key}')");
        }

        object? expandedValue;
        switch (keyword)
        {
            case Keywords.Id:
                // 13.4.3
                if (value is not JsonValue idv || idv.GetValueKind() != JsonValueKind.String)
                {
                    throw new JsonLdException(JsonLdErrorNames.InvalidIdValue, "@id must be a string");
                }

                // A value with the form of a keyword expands to null, which is kept (test 0122, as jsonld.js does).
                result[Keywords.Id] = ExpandNodeId(active, idv.GetValue<string>());
                return;

            case Keywords.Type:
                // 13.4.4
                expandedValue = ExpandTypes(typeScopedContext, value, result);
                break;

            case Keywords.Graph:
                // 13.4.5
                expandedValue = AsList(Expand(active, Keywords.Graph, value, baseUrl));
                break;

            case Keywords.Included:
                // 13.4.6
                if (op.IsJsonLd10)
                {
                    return;
                }

                var includedValue = Expand(active, null, value, baseUrl);
                var included = includedValue is List<object?> includedList ? includedList : [includedValue];
                foreach (var item in included)
                {
                    if (item is not LdMap { IsNodeObject: true })
                    {
                        throw new JsonLdException(JsonLdErrorNames.InvalidIncludedValue, "@included values must be node objects");
                    }
                }

                if (result.TryGetValue(Keywords.Included, out var previousIncluded) && previousIncluded is List<object?> previousList)
                {
                    included.InsertRange(0, previousList);
                }

                expandedValue = included;
                break;

            case Keywords.Value:
                // 13.4.7
                if (inputType == Keywords.Json)
                {
                    if (op.IsJsonLd10)
                    {
                        throw new JsonLdException(JsonLdErrorNames.InvalidValueObjectValue, "JSON literals need json-ld-1.1");
                    }

                    result[Keywords.Value] = new JsonLiteral(value);
                    return;
                }

                if (value is null)
                {
                    result[Keywords.Value] = null;
                    return;
                }

                if (value is not JsonValue scalar)
                {
                    throw new JsonLdException(JsonLdErrorNames.InvalidValueObjectValue, "@value must be a string, number, boolean or null");
                }

                expandedValue = Scalar(scalar);
                break;

            case Keywords.Language:
                // 13.4.8
                if (value is not JsonValue lv || lv.GetValueKind() != JsonValueKind.String)
                {
                    throw new JsonLdException(JsonLdErrorNames.InvalidLanguageTaggedString, "@language must be a string");
                }

                expandedValue = lv.GetValue<string>();
                break;

            case Keywords.Direction:
                // 13.4.9
                if (op.IsJsonLd10)
                {
                    return;
                }

                if (value is not JsonValue dv || dv.GetValueKind() != JsonValueKind.String || dv.GetValue<string>() is not ("ltr" or "rtl"))
                {
                    throw new JsonLdException(JsonLdErrorNames.InvalidBaseDirection, "@direction must be \"ltr\" or \"rtl\"");
                }

                expandedValue = dv.GetValue<string>();
                break;

            case Keywords.Index:
                // 13.4.10
                if (value is not JsonValue xv || xv.GetValueKind() != JsonValueKind.String)
                {
                    throw new JsonLdException(JsonLdErrorNames.InvalidIndexValue, "@index must be a string");
                }

                expandedValue = xv.GetValue<string>();
                break;

            case Keywords.List:
                // 13.4.11
                if (activeProperty is null or Keywords.Graph)
                {
                    op.DataLoss("free-floating list", "a list outside of any property");
                    return;
                }

                expandedValue = AsList(Expand(active, activeProperty, value, baseUrl));
                break;

            case Keywords.Set:
                // 13.4.12
                expandedValue = Expand(active, activeProperty, value, baseUrl);
                break;

            case Keywords.Reverse:
                // 13.4.13
                ExpandReverse(active, value, result, baseUrl);
                return;

            default:
                // Keywords that have no meaning as a map key (e.g. @container) are ignored, as jsonld.js does.
                op.DataLoss("invalid property", $"keyword {keyword} cannot be used as a key here");
                return;
        }

        // 13.4.16
        if (expandedValue is not null)
        {
            result[keyword] = expandedValue;
        }
    }

    /// <summary>13.4.3: a node identifier, resolved against the base IRI.</summary>
    private string? ExpandNodeId(ActiveContext active, string value)
    {
        var expanded = IriExpansion.Expand(active, value, documentRelative: true, vocab: false, frame: null);
        if (expanded is null)
        {
            op.DataLoss("reserved @id value", $"@id '{value}' has the form of a keyword");
        }
        else if (op.Safe && !Iri.IsAbsolute(expanded) && !Iri.IsBlankNode(expanded))
        {
            op.DataLoss("relative @id reference", $"@id '{value}' is not an absolute IRI (the base IRI is {active.BaseIri ?? "null"})");
        }

        return expanded;
    }

    /// <summary>13.4.4: types are expanded with the type-scoped context, and accumulate over keys aliasing @type.</summary>
    private object? ExpandTypes(ActiveContext typeScopedContext, JsonNode? value, LdMap result)
    {
        object? expanded;
        if (value is JsonValue single && single.GetValueKind() == JsonValueKind.String)
        {
            expanded = ExpandType(typeScopedContext, single.GetValue<string>());
        }
        else if (value is JsonArray array)
        {
            var types = new List<object?>(array.Count);
            foreach (var item in array)
            {
                if (item is not JsonValue iv || iv.GetValueKind() != JsonValueKind.String)
                {
                    throw new JsonLdException(JsonLdErrorNames.InvalidTypeValue, "@type must be a string or an array of strings");
                }

                if (ExpandType(typeScopedContext, iv.GetValue<string>()) is { } type)
                {
                    types.Add(type);
                }
            }

            expanded = types;
        }
        else
        {
            throw new JsonLdException(JsonLdErrorNames.InvalidTypeValue, "@type must be a string or an array of strings");
        }

        if (result.TryGetValue(Keywords.Type, out var existing))
        {
            var merged = existing as List<object?> ?? [existing];
            if (expanded is List<object?> more)
            {
                merged.AddRange(more);
            }
            else if (expanded is not null)
            {
                merged.Add(expanded);
            }

            return merged;
        }

        return expanded;
    }

    private string? ExpandType(ActiveContext context, string value)
    {
        var type = IriExpansion.Expand(context, value, documentRelative: true, vocab: true, frame: null);
        if (type is null)
        {
            op.DataLoss("reserved @type value", $"type '{value}' has the form of a keyword");
        }
        else if (op.Safe && !Iri.IsAbsolute(type) && !Iri.IsBlankNode(type) && type != Keywords.Json)
        {
            op.DataLoss("relative @type reference", $"type '{value}' is not defined by the context and is not an absolute IRI");
        }

        return type;
    }

    /// <summary>13.4.13: a reverse property map.</summary>
    private void ExpandReverse(ActiveContext active, JsonNode? value, LdMap result, string? baseUrl)
    {
        if (value is not JsonObject)
        {
            throw new JsonLdException(JsonLdErrorNames.InvalidReverseValue, "@reverse must be a map");
        }

        if (Expand(active, Keywords.Reverse, value, baseUrl) is not LdMap expanded)
        {
            return;
        }

        // 13.4.13.3 Properties reversed twice are forward properties.
        if (expanded.TryGetValue(Keywords.Reverse, out var doubleReversed) && doubleReversed is LdMap forward)
        {
            foreach (var (property, items) in forward)
            {
                result.AddValue(property, items);
            }
        }

        // 13.4.13.4
        LdMap? reverseMap = null;
        foreach (var (property, items) in expanded)
        {
            if (property == Keywords.Reverse)
            {
                continue;
            }

            reverseMap ??= GetReverseMap(result);
            foreach (var item in AsList(items))
            {
                if (item is LdMap m && (m.IsValueObject || m.IsListObject))
                {
                    throw new JsonLdException(JsonLdErrorNames.InvalidReversePropertyValue, "a reverse property cannot have a value or list");
                }

                reverseMap.AddValue(property, item);
            }
        }
    }

    private static LdMap GetReverseMap(LdMap result)
    {
        if (result.TryGetValue(Keywords.Reverse, out var existing) && existing is LdMap map)
        {
            return map;
        }

        map = [];
        result[Keywords.Reverse] = map;
        return map;
    }

    internal static List<object?> AsList(object? value) => value switch
    {
        null => [],
        List<object?> list => list,
        _ => [value],
    };

    internal static object Scalar(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True => LdMap.True,
        JsonValueKind.False => LdMap.False,
        _ => JsonNumber(value),
    };

    /// <summary>A JSON number as a double, also for nodes built in code from other numeric types.</summary>
    internal static double JsonNumber(JsonValue value) =>
        value.TryGetValue<double>(out var number)
            ? number
            : double.Parse(value.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
}
