using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Rdf;

/// <summary>
/// RDF Dataset Canonicalization, RDFC-1.0 (W3C Recommendation, https://www.w3.org/TR/rdf-canon/). Returns the
/// canonical N-Quads and the issued identifiers map, or an error: INVALID_RDF_DATASET_ERROR for a quad that is not
/// RDF, RDF_DATASET_TOO_LARGE_ERROR above <see cref="RdfcOptions.MaxQuads"/>, RDFC_WORK_LIMIT_EXCEEDED_ERROR for a
/// dataset needing more Hash N-Degree Quads work than <see cref="RdfcOptions"/> allows (a poison graph).
/// </summary>
public static class RdfCanonicalizer
{
    public static Outcome<CanonicalDataset> Canonicalize(RdfDataset dataset, RdfcOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        using var run = new Rdfc10(options ?? RdfcOptions.Default, cancellationToken);
        return run.Run(dataset);
    }

    /// <summary>Parses N-Quads, then canonicalizes (the form the W3C test suite uses).</summary>
    public static Outcome<CanonicalDataset> Canonicalize(string nquads, RdfcOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nquads);
        var effective = options ?? RdfcOptions.Default;
        var parsed = NQuadsParser.Parse(nquads, effective.MaxQuads);
        return parsed.IsSuccess
            ? Canonicalize(parsed.Value, effective, cancellationToken)
            : Outcome<CanonicalDataset>.Fail(parsed.Error);
    }
}
