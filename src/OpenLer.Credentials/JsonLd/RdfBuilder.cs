using OpenLer.Credentials.Jcs;
using OpenLer.Credentials.Rdf;

namespace OpenLer.Credentials.JsonLd;

/// <summary>
/// JSON-LD API §8.1 Deserialize JSON-LD to RDF, §8.2 Object to RDF Conversion and §8.3 List to RDF Conversion.
/// Only well-formed triples are produced; in safe mode anything that would be left out is an error instead.
/// Blank nodes are labeled without "_:" (b0, b1...), as <see cref="RdfTerm"/> expects.
/// </summary>
internal sealed class RdfBuilder(JsonLdOperation op, BlankNodeGenerator ids)
{
    private const string RdfNs = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static readonly RdfTerm RdfType = RdfTerm.Iri(RdfNs + "type");
    private static readonly RdfTerm RdfFirst = RdfTerm.Iri(RdfNs + "first");
    private static readonly RdfTerm RdfRest = RdfTerm.Iri(RdfNs + "rest");
    private static readonly RdfTerm RdfNil = RdfTerm.Iri(RdfNs + "nil");
    private static readonly RdfTerm RdfValue = RdfTerm.Iri(RdfNs + "value");
    private static readonly RdfTerm RdfLanguage = RdfTerm.Iri(RdfNs + "language");
    private static readonly RdfTerm RdfDirectionTerm = RdfTerm.Iri(RdfNs + "direction");
    private const string RdfJson = RdfNs + "JSON";
    private const string I18n = "https://www.w3.org/ns/i18n#";

    private readonly RdfDirection _direction = op.Options.RdfDirection;
    private readonly bool _generalized = op.Options.ProduceGeneralizedRdf;
    private readonly List<Quad> _pending = [];
    private readonly Dictionary<string, RdfTerm> _blankNodes = new(StringComparer.Ordinal);

    public RdfDataset Build(Dictionary<string, Dictionary<string, LdMap>> nodeMap)
    {
        var dataset = new RdfDataset(EstimateQuads(nodeMap));
        foreach (var (graphName, graph) in nodeMap)
        {
            // 1.1-1.2
            RdfTerm graphTerm;
            if (graphName == NodeMapBuilder.DefaultGraph)
            {
                graphTerm = RdfTerm.DefaultGraph;
            }
            else if (Iri.IsWellFormedNode(graphName))
            {
                graphTerm = NodeTerm(graphName);
            }
            else
            {
                op.DataLoss("relative graph reference", $"graph name '{graphName}' is not an absolute IRI");
                continue;
            }

            foreach (var (subject, node) in graph)
            {
                // 1.3.1
                if (!Iri.IsWellFormedNode(subject))
                {
                    op.DataLoss("relative subject reference", $"subject '{subject}' is not an absolute IRI");
                    continue;
                }

                var subjectTerm = NodeTerm(subject);
                foreach (var (property, values) in node)
                {
                    AddProperty(dataset, graphTerm, subjectTerm, property, values);
                }
            }
        }

        return dataset;
    }

    /// <summary>One quad per type and value (lists and compound literals add more): sizes the list once.</summary>
    private static int EstimateQuads(Dictionary<string, Dictionary<string, LdMap>> nodeMap)
    {
        var count = 8;
        foreach (var graph in nodeMap.Values)
        {
            foreach (var node in graph.Values)
            {
                foreach (var values in node.Values)
                {
                    count += values is List<object?> list ? list.Count : 0;
                }
            }
        }

        return count;
    }

    private void AddProperty(RdfDataset dataset, RdfTerm graph, RdfTerm subject, string property, object? values)
    {
        // 1.3.2.1 Types.
        if (property == Keywords.Type)
        {
            foreach (var type in Expander.AsList(values))
            {
                if (type is string t && Iri.IsWellFormedNode(t))
                {
                    Add(dataset, new Quad(subject, RdfType, NodeTerm(t), graph));
                }
                else
                {
                    op.DataLoss("relative type reference", $"type '{type}' is not an absolute IRI");
                }
            }

            return;
        }

        // 1.3.2.2-1.3.2.4
        if (Keywords.IsKeyword(property))
        {
            return;
        }

        if (Iri.IsBlankNode(property) && !_generalized)
        {
            op.DataLoss("blank node predicate", $"property '{property}' is a blank node, which RDF does not allow as a predicate");
            return;
        }

        if (!Iri.IsWellFormedNode(property))
        {
            op.DataLoss("relative predicate reference", $"property '{property}' is not an absolute IRI");
            return;
        }

        var predicate = NodeTerm(property);
        foreach (var item in Expander.AsList(values))
        {
            // 1.3.2.5
            _pending.Clear();
            if (ToObject(item, _pending) is { } obj)
            {
                Add(dataset, new Quad(subject, predicate, obj, graph));
            }

            foreach (var triple in _pending)
            {
                Add(dataset, triple with { Graph = graph });
            }
        }
    }

    private void Add(RdfDataset dataset, Quad quad)
    {
        op.AddWork(1);
        dataset.Add(quad);
    }

    /// <summary>§8.2 Object to RDF Conversion; null when the object is not well-formed.</summary>
    private RdfTerm? ToObject(object? item, List<Quad> listTriples)
    {
        if (item is not LdMap map)
        {
            return null;
        }

        if (map.TryGetValue(Keywords.Value, out var value))
        {
            return ToLiteral(map, value, listTriples);
        }

        if (map.TryGetValue(Keywords.List, out var list))
        {
            return ToList(Expander.AsList(list), listTriples);
        }

        // 1.-2. Node references.
        if (map.TryGetValue(Keywords.Id, out var id) && id is string iri && Iri.IsWellFormedNode(iri))
        {
            return NodeTerm(iri);
        }

        op.DataLoss("relative object reference", $"object '{id}' is not an absolute IRI");
        return null;
    }

    /// <summary>§8.2.2 steps 4-15 for value objects.</summary>
    private RdfTerm? ToLiteral(LdMap item, object? value, List<Quad> listTriples)
    {
        var datatype = item.TryGetValue(Keywords.Type, out var typeValue) ? typeValue as string : null;

        // 6.-7.
        if (datatype is not null && datatype != Keywords.Json && (!Iri.IsAbsolute(datatype) || !Iri.IsWellFormedNode(datatype)))
        {
            op.DataLoss("relative datatype reference", $"datatype '{datatype}' is not an absolute IRI");
            return null;
        }

        var language = item.TryGetValue(Keywords.Language, out var languageValue) ? languageValue as string : null;
        if (language is not null && !LanguageTag.IsWellFormed(language))
        {
            op.DataLoss("invalid @language value", $"language tag '{language}' is not well-formed");
            return null;
        }

        // 8.-12. Canonical lexical forms.
        string lexical;
        if (datatype == Keywords.Json)
        {
            lexical = JsonCanonicalizer.CanonicalizeToString(value is JsonLiteral literal ? literal.Node : null);
            datatype = RdfJson;
        }
        else if (value is bool b)
        {
            lexical = b ? "true" : "false";
            datatype ??= XsdLexical.Boolean;
        }
        else if (value is double number)
        {
            if (!XsdLexical.IsInteger(number) || datatype == XsdLexical.Double)
            {
                lexical = XsdLexical.FormatDouble(number);
                datatype ??= XsdLexical.Double;
            }
            else
            {
                lexical = XsdLexical.FormatInteger(number);
                datatype ??= XsdLexical.Integer;
            }
        }
        else
        {
            lexical = value as string ?? string.Empty;
        }

        // 13. Base direction.
        if (item.TryGetValue(Keywords.Direction, out var directionValue) && directionValue is string direction && _direction != RdfDirection.None)
        {
            var normalized = language?.ToLowerInvariant() ?? string.Empty;
            if (_direction == RdfDirection.I18nDatatype)
            {
                return RdfTerm.Literal(lexical, I18n + normalized + "_" + direction);
            }

            var node = RdfTerm.BlankNode(ids.Generate()[2..]);
            listTriples.Add(new Quad(node, RdfValue, RdfTerm.Literal(lexical)));
            if (language is not null)
            {
                listTriples.Add(new Quad(node, RdfLanguage, RdfTerm.Literal(normalized)));
            }

            listTriples.Add(new Quad(node, RdfDirectionTerm, RdfTerm.Literal(direction)));
            return node;
        }

        // 14.
        return RdfTerm.Literal(lexical, datatype, language);
    }

    /// <summary>§8.3 List to RDF Conversion.</summary>
    private RdfTerm ToList(List<object?> list, List<Quad> listTriples)
    {
        if (list.Count == 0)
        {
            return RdfNil;
        }

        var nodes = new RdfTerm[list.Count];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = RdfTerm.BlankNode(ids.Generate()[2..]);
        }

        for (var i = 0; i < nodes.Length; i++)
        {
            var embedded = new List<Quad>();
            if (ToObject(list[i], embedded) is { } obj)
            {
                listTriples.Add(new Quad(nodes[i], RdfFirst, obj));
            }

            listTriples.Add(new Quad(nodes[i], RdfRest, i + 1 < nodes.Length ? nodes[i + 1] : RdfNil));
            listTriples.AddRange(embedded);
        }

        return nodes[0];
    }

    private RdfTerm NodeTerm(string value)
    {
        if (!Iri.IsBlankNode(value))
        {
            return RdfTerm.Iri(value);
        }

        if (!_blankNodes.TryGetValue(value, out var term))
        {
            term = RdfTerm.BlankNode(value[2..]);
            _blankNodes[value] = term;
        }

        return term;
    }
}
