namespace OpenLer.Credentials.Rdf;

/// <summary>An RDF dataset as a list of quads. Duplicates are allowed here; canonicalization treats the dataset as a set.</summary>
public sealed class RdfDataset
{
    private readonly List<Quad> _quads;

    public RdfDataset() => _quads = [];

    public RdfDataset(IEnumerable<Quad> quads) => _quads = [.. quads];

    /// <summary>An empty dataset with room for <paramref name="capacity"/> quads.</summary>
    public RdfDataset(int capacity) => _quads = new List<Quad>(Math.Max(0, capacity));

    public IReadOnlyList<Quad> Quads => _quads;

    public int Count => _quads.Count;

    public void Add(Quad quad) => _quads.Add(quad);

    /// <summary>The quads without copying (for hot loops inside this library).</summary>
    internal ReadOnlySpan<Quad> AsSpan() => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_quads);
}
