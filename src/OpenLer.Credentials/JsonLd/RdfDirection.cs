namespace OpenLer.Credentials.JsonLd;

/// <summary>JSON-LD API §9.4.3 <c>rdfDirection</c>: how <c>@direction</c> is kept when deserializing to RDF.</summary>
public enum RdfDirection
{
    /// <summary>The base direction is not represented in RDF (the default).</summary>
    None,

    /// <summary>Literals get a datatype <c>https://www.w3.org/ns/i18n#{language}_{direction}</c>.</summary>
    I18nDatatype,

    /// <summary>Literals become blank nodes with <c>rdf:value</c>, <c>rdf:language</c> and <c>rdf:direction</c>.</summary>
    CompoundLiteral,
}
