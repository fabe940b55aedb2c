namespace OpenLer.Credentials.Rdf;

/// <summary>An RDF dataset as a list of quads. Duplicates are allowed here; canonicalization treats the dataset as a set.</summary>
public sealed class RdfDataset
{
    private readonly List<Quad> _quads;

    public RdfDataset() => _quads = [];

    public RdfDataset(IEnumerable<Quad> quads) => _quads = [.. quads];

    public IReadOnlyList<Quad> Quads => _quads;

    public int Count => _quads.Count;

    public void Add(Quad quad) => _quads.Add(quad);
}
