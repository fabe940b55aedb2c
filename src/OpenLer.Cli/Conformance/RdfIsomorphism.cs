using System.Globalization;
using System.Text;
using OpenLer.Credentials.Rdf;

namespace OpenLer.Cli.Conformance;

/// <summary>
/// Test-runner helper for the JSON-LD toRdf tests with <c>produceGeneralizedRdf</c>: generalized datasets (blank node
/// predicates) are not RDF, so neither the N-Quads parser nor RDFC-1.0 accept them. Reads such N-Quads and decides
/// dataset isomorphism (RDF 1.1 Concepts §3.6) by refining blank node colours, then searching bijections between the
/// remaining ambiguous classes. Test datasets are small; this is not meant for hostile input.
/// </summary>
internal static class RdfIsomorphism
{
    public static List<Quad> ParseNQuads(string text)
    {
        var quads = new List<Quad>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var i = 0;
            var terms = new List<RdfTerm>();
            while (i < line.Length && line[i] != '.')
            {
                terms.Add(ReadTerm(line, ref i));
                while (i < line.Length && line[i] is ' ' or '\t')
                {
                    i++;
                }
            }

            quads.Add(terms.Count == 4
                ? new Quad(terms[0], terms[1], terms[2], terms[3])
                : new Quad(terms[0], terms[1], terms[2]));
        }

        return quads;
    }

    private static RdfTerm ReadTerm(string line, ref int i)
    {
        switch (line[i])
        {
            case '<':
                var end = line.IndexOf('>', i);
                var iri = Unescape(line[(i + 1)..end]);
                i = end + 1;
                return RdfTerm.Iri(iri);
            case '_':
                var start = i + 2;
                i = start;
                while (i < line.Length && line[i] is not (' ' or '\t'))
                {
                    i++;
                }

                return RdfTerm.BlankNode(line[start..i]);
            default:
                var sb = new StringBuilder();
                i++;
                while (line[i] != '"')
                {
                    if (line[i] == '\\')
                    {
                        i++;
                        switch (line[i])
                        {
                            case 'u':
                                sb.Append((char)int.Parse(line.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                                i += 4;
                                break;
                            case 'U':
                                sb.Append(char.ConvertFromUtf32(int.Parse(line.AsSpan(i + 1, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
                                i += 8;
                                break;
                            case 't': sb.Append('\t'); break;
                            case 'b': sb.Append('\b'); break;
                            case 'n': sb.Append('\n'); break;
                            case 'r': sb.Append('\r'); break;
                            case 'f': sb.Append('\f'); break;
                            default: sb.Append(line[i]); break;
                        }
                    }
                    else
                    {
                        sb.Append(line[i]);
                    }

                    i++;
                }

                i++;
                if (i < line.Length && line[i] == '@')
                {
                    var langStart = ++i;
                    while (i < line.Length && line[i] is not (' ' or '\t'))
                    {
                        i++;
                    }

                    return RdfTerm.Literal(sb.ToString(), language: line[langStart..i]);
                }

                if (i + 1 < line.Length && line[i] == '^' && line[i + 1] == '^')
                {
                    i += 2;
                    var datatype = ReadTerm(line, ref i);
                    return RdfTerm.Literal(sb.ToString(), datatype.Value);
                }

                return RdfTerm.Literal(sb.ToString());
        }
    }

    private static string Unescape(string iri) =>
        iri.Contains('\\', StringComparison.Ordinal)
            ? System.Text.RegularExpressions.Regex.Replace(iri, @"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})", m =>
                char.ConvertFromUtf32(int.Parse(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)))
            : iri;

    /// <summary>True when some bijection of blank nodes maps one dataset (as a set of quads) onto the other.</summary>
    public static bool Isomorphic(IReadOnlyCollection<Quad> expected, IReadOnlyCollection<Quad> actual)
    {
        var a = new HashSet<Quad>(expected).ToList();
        var b = new HashSet<Quad>(actual).ToList();
        if (a.Count != b.Count)
        {
            return false;
        }

        var colorsA = Refine(a);
        var colorsB = Refine(b);
        var classesA = colorsA.GroupBy(kv => kv.Value).ToDictionary(g => g.Key, g => g.Select(kv => kv.Key).ToList());
        var classesB = colorsB.GroupBy(kv => kv.Value).ToDictionary(g => g.Key, g => g.Select(kv => kv.Key).ToList());
        if (classesA.Count != classesB.Count || classesA.Any(c => !classesB.TryGetValue(c.Key, out var other) || other.Count != c.Value.Count))
        {
            return false;
        }

        var target = new HashSet<Quad>(b);
        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        var order = classesA.OrderBy(c => c.Value.Count).SelectMany(c => c.Value.Select(node => (node, c.Key))).ToList();
        return Search(0);

        bool Search(int index)
        {
            if (index == order.Count)
            {
                return a.All(q => target.Contains(Map(q, mapping)));
            }

            var (node, color) = order[index];
            foreach (var candidate in classesB[color])
            {
                if (mapping.ContainsValue(candidate))
                {
                    continue;
                }

                mapping[node] = candidate;
                if (Search(index + 1))
                {
                    return true;
                }

                mapping.Remove(node);
            }

            return false;
        }
    }

    private static Quad Map(Quad q, Dictionary<string, string> mapping)
    {
        RdfTerm M(RdfTerm t) => t.IsBlankNode ? RdfTerm.BlankNode(mapping[t.Value]) : t;
        return new Quad(M(q.Subject), M(q.Predicate), M(q.Object), M(q.Graph));
    }

    /// <summary>Colour refinement: a blank node's colour summarizes the quads it appears in, iterated to a fixpoint.</summary>
    private static Dictionary<string, string> Refine(List<Quad> quads)
    {
        var colors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var q in quads)
        {
            foreach (var t in new[] { q.Subject, q.Predicate, q.Object, q.Graph })
            {
                if (t.IsBlankNode)
                {
                    colors[t.Value] = "0";
                }
            }
        }

        for (var round = 0; round < 8; round++)
        {
            var next = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var node in colors.Keys)
            {
                var signature = new List<string>();
                foreach (var q in quads)
                {
                    var positions = new[] { q.Subject, q.Predicate, q.Object, q.Graph };
                    if (!positions.Any(t => t.IsBlankNode && t.Value == node))
                    {
                        continue;
                    }

                    signature.Add(string.Join(' ', positions.Select(t =>
                        t.IsBlankNode ? (t.Value == node ? "SELF" : "B" + colors[t.Value]) : t.ToString())));
                }

                signature.Sort(StringComparer.Ordinal);
                next[node] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', signature))));
            }

            colors = next;
        }

        return colors;
    }
}
