namespace OpenLer.Credentials.Rdf;

/// <summary>RDF 1.1 Concepts §3.1/§4 positions: subject IRI or blank node, predicate IRI, object any term, graph name IRI, blank node or default.</summary>
internal static class RdfValidation
{
    /// <summary>Null when <paramref name="quad"/> is a valid RDF quad, otherwise why not.</summary>
    public static string? CheckQuad(in Quad quad)
    {
        if (quad.Subject.Kind is not (RdfTermKind.Iri or RdfTermKind.BlankNode))
        {
            return $"Subject must be an IRI or a blank node, not {quad.Subject.Kind}.";
        }

        if (quad.Predicate.Kind != RdfTermKind.Iri)
        {
            return $"Predicate must be an IRI, not {quad.Predicate.Kind}.";
        }

        if (quad.Object.Kind == RdfTermKind.DefaultGraph || quad.Object.Value is null)
        {
            return "Object must be an IRI, a blank node or a literal.";
        }

        if (quad.Graph.Kind == RdfTermKind.Literal)
        {
            return "Graph name must be an IRI, a blank node or the default graph.";
        }

        if (quad.Subject.Value is null || quad.Predicate.Value is null || quad.Graph.Value is null)
        {
            return "Quad holds an uninitialized term.";
        }

        return null;
    }
}
