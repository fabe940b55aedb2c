namespace OpenLer.Credentials.Rdf;

/// <summary>
/// An RDF term (RDF 1.1 Concepts §3): an IRI, a blank node (<see cref="Value"/> is its label without "_:"), a literal
/// (lexical form, datatype IRI, optional language tag) or the default graph marker.
/// </summary>
public readonly struct RdfTerm : IEquatable<RdfTerm>
{
    public const string XsdString = "http://www.w3.org/2001/XMLSchema#string";
    public const string RdfLangString = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";

    private RdfTerm(RdfTermKind kind, string value, string? datatype, string? language)
    {
        Kind = kind;
        Value = value;
        Datatype = datatype;
        Language = language;
    }

    public RdfTermKind Kind { get; }

    /// <summary>IRI, blank node label (without "_:"), or literal lexical form; empty for the default graph.</summary>
    public string Value { get; }

    /// <summary>Literal datatype IRI (xsd:string for simple literals, rdf:langString with a language); null otherwise.</summary>
    public string? Datatype { get; }

    /// <summary>Literal language tag; null otherwise.</summary>
    public string? Language { get; }

    public static RdfTerm DefaultGraph { get; } = new(RdfTermKind.DefaultGraph, string.Empty, null, null);

    public bool IsIri => Kind == RdfTermKind.Iri;

    public bool IsBlankNode => Kind == RdfTermKind.BlankNode;

    public bool IsLiteral => Kind == RdfTermKind.Literal;

    public bool IsDefaultGraph => Kind == RdfTermKind.DefaultGraph;

    public static RdfTerm Iri(string iri) => new(RdfTermKind.Iri, iri ?? throw new ArgumentNullException(nameof(iri)), null, null);

    public static RdfTerm BlankNode(string label) => new(RdfTermKind.BlankNode, label ?? throw new ArgumentNullException(nameof(label)), null, null);

    public static RdfTerm Literal(string lexicalForm, string? datatype = null, string? language = null) =>
        new(RdfTermKind.Literal, lexicalForm ?? throw new ArgumentNullException(nameof(lexicalForm)),
            language is null ? datatype ?? XsdString : RdfLangString, language);

    public bool Equals(RdfTerm other) =>
        Kind == other.Kind &&
        string.Equals(Value, other.Value, StringComparison.Ordinal) &&
        string.Equals(Datatype, other.Datatype, StringComparison.Ordinal) &&
        string.Equals(Language, other.Language, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is RdfTerm other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Kind, Value, Datatype, Language);

    public static bool operator ==(RdfTerm left, RdfTerm right) => left.Equals(right);

    public static bool operator !=(RdfTerm left, RdfTerm right) => !left.Equals(right);

    public override string ToString() => Kind switch
    {
        RdfTermKind.Iri => $"<{Value}>",
        RdfTermKind.BlankNode => $"_:{Value}",
        RdfTermKind.Literal when Language is not null => $"\"{Value}\"@{Language}",
        RdfTermKind.Literal when Datatype != XsdString => $"\"{Value}\"^^<{Datatype}>",
        RdfTermKind.Literal => $"\"{Value}\"",
        _ => string.Empty,
    };
}
