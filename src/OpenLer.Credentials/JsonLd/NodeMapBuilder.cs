namespace OpenLer.Credentials.JsonLd;

/// <summary>
/// JSON-LD API §7.2 Node Map Generation over the internal representation: graph name → subject → node, where a node
/// holds <c>@id</c>, <c>@type</c>, <c>@index</c> and its properties' values (value objects, node references, lists).
/// Blank node identifiers are relabeled <c>_:b0</c>, <c>_:b1</c>... The input is not modified.
/// </summary>
internal sealed class NodeMapBuilder(JsonLdOperation op, BlankNodeGenerator ids)
{
    public const string DefaultGraph = "@default";

    private readonly UniqueAppender _unique = new();

    public Dictionary<string, Dictionary<string, LdMap>> Graphs { get; } = new(StringComparer.Ordinal)
    {
        [DefaultGraph] = new Dictionary<string, LdMap>(StringComparer.Ordinal),
    };

    /// <summary>§7.2.2. <paramref name="reverseSubject"/> is the "active subject is a map" case of reverse properties.</summary>
    public void Generate(object? element, string activeGraph, string? activeSubject, LdMap? reverseSubject, string? activeProperty, LdMap? list)
    {
        // 1.
        if (element is List<object?> items)
        {
            foreach (var item in items)
            {
                Generate(item, activeGraph, activeSubject, reverseSubject, activeProperty, list);
            }

            return;
        }

        // 2.
        if (element is not LdMap map)
        {
            return;
        }

        op.AddWork(1);
        var graph = GraphNamed(activeGraph);
        var subjectNode = activeSubject is null ? null : graph[activeSubject];

        // 4. Value objects.
        if (map.IsValueObject)
        {
            if (list is null)
            {
                _unique.Add(PropertyValues(subjectNode!, activeProperty!), map);
            }
            else
            {
                ((List<object?>)list[Keywords.List]!).Add(map);
            }

            return;
        }

        // 5. List objects.
        if (map.TryGetValue(Keywords.List, out var listItems))
        {
            var result = new LdMap(1) { [Keywords.List] = new List<object?>() };
            Generate(listItems, activeGraph, activeSubject, reverseSubject, activeProperty, result);
            if (list is null)
            {
                PropertyValues(subjectNode!, activeProperty!).Add(result);
            }
            else
            {
                ((List<object?>)list[Keywords.List]!).Add(result);
            }

            return;
        }

        // 6. Node objects.
        string id;
        if (map.TryGetValue(Keywords.Id, out var idValue) && idValue is string given)
        {
            id = Iri.IsBlankNode(given) ? ids.Generate(given) : given;
        }
        else
        {
            id = ids.Generate();
        }

        if (!graph.TryGetValue(id, out var node))
        {
            node = new LdMap { [Keywords.Id] = id };
            graph[id] = node;
        }

        // A node whose @id was a keyword-like value ("@id": null after expansion) is not referenced (toRdf test e122).
        var unreferenced = map.TryGetValue(Keywords.Id, out var explicitId) && explicitId is null;
        if (unreferenced)
        {
            op.DataLoss("null @id value", $"a node reference with no usable @id is dropped");
        }
        else if (reverseSubject is not null)
        {
            _unique.Add(PropertyValues(node, activeProperty!), reverseSubject);
        }
        else if (activeProperty is not null)
        {
            var reference = new LdMap(1) { [Keywords.Id] = id };
            if (list is null)
            {
                _unique.Add(PropertyValues(subjectNode!, activeProperty), reference);
            }
            else
            {
                ((List<object?>)list[Keywords.List]!).Add(reference);
            }
        }

        foreach (var (property, value) in map)
        {
            switch (property)
            {
                case Keywords.Id:
                    break;
                case Keywords.Type:
                    var types = PropertyValues(node, Keywords.Type);
                    foreach (var type in Expander.AsList(value))
                    {
                        if (type is string t)
                        {
                            _unique.Add(types, Iri.IsBlankNode(t) ? ids.Generate(t) : t);
                        }
                    }

                    break;
                case Keywords.Index:
                    if (node.TryGetValue(Keywords.Index, out var existingIndex) && !LdEquality.Equivalent(existingIndex, value))
                    {
                        throw new JsonLdException(JsonLdErrorNames.ConflictingIndexes, $"node {id} has two different @index values");
                    }

                    node[Keywords.Index] = value;
                    break;
                case Keywords.Reverse:
                    var referenced = new LdMap(1) { [Keywords.Id] = id };
                    if (value is LdMap reverseMap)
                    {
                        foreach (var (reverseProperty, reverseValues) in reverseMap)
                        {
                            Generate(reverseValues, activeGraph, null, referenced, reverseProperty, null);
                        }
                    }

                    break;
                case Keywords.Graph:
                    GraphNamed(id);
                    Generate(value, id, null, null, null, null);
                    break;
                case Keywords.Included:
                    Generate(value, activeGraph, null, null, null, null);
                    break;
                default:
                    if (Keywords.IsKeyword(property))
                    {
                        op.DataLoss("invalid property", $"{property} on node {id} has no meaning in RDF");
                        break;
                    }

                    var name = Iri.IsBlankNode(property) ? ids.Generate(property) : property;
                    PropertyValues(node, name);
                    Generate(value, activeGraph, id, null, name, null);
                    break;
            }
        }
    }

    private Dictionary<string, LdMap> GraphNamed(string name)
    {
        if (!Graphs.TryGetValue(name, out var graph))
        {
            graph = new Dictionary<string, LdMap>(StringComparer.Ordinal);
            Graphs[name] = graph;
        }

        return graph;
    }

    private static List<object?> PropertyValues(LdMap node, string property)
    {
        if (node.TryGetValue(property, out var existing) && existing is List<object?> values)
        {
            return values;
        }

        values = [];
        node[property] = values;
        return values;
    }
}
