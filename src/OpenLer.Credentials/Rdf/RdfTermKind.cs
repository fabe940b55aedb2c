namespace OpenLer.Credentials.Rdf;

public enum RdfTermKind : byte
{
    Iri,
    BlankNode,
    Literal,
    DefaultGraph,
}
