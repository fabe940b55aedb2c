namespace OpenLer.Credentials.Rdf;

/// <summary>
/// Options of <see cref="RdfCanonicalizer"/>. The work bound implements the mitigation RDFC-1.0 Security Considerations,
/// "Dataset Poisoning" (#dataset-poisoning) asks for: "a configurable limit on the number of iterations of steps performed in the algorithm,
/// particularly recursive steps".
/// </summary>
public sealed record RdfcOptions
{
    public static RdfcOptions Default { get; } = new();

    public RdfcHashAlgorithm HashAlgorithm { get; init; } = RdfcHashAlgorithm.Sha256;

    /// <summary>Datasets with more quads are refused (RDF_DATASET_TOO_LARGE_ERROR) before any work.</summary>
    public int MaxQuads { get; init; } = NQuadsParser.DefaultMaxQuads;

    /// <summary>
    /// Work units allowed per blank node that shares its first-degree hash with another. A work unit is one call of
    /// Hash N-Degree Quads (§4.8) or one quad it hashes related blank nodes from (step 3), or one permutation
    /// examined (step 5.4) or one related blank node placed on its path (step 5.4.4), plus 1/16 unit per identifier
    /// of each issuer copy (step 5.4.1); each unit costs roughly a microsecond. The W3C suite's heaviest positive tests (test044–046, "poison – evil", 12 such blank nodes) need
    /// 9,516 units (~793 per node); the 1EdTech "complete" OB 3.0 credential (356 quads, 20 such blank nodes) needs
    /// 20,314 (~1,016 per node); the 10-node clique of test074 needs far more and is refused after 50,000.
    /// </summary>
    public int WorkFactor { get; init; } = 5_000;

    /// <summary>A floor for the budget so that small tangled graphs still canonicalize.</summary>
    public long MinWork { get; init; } = 10_000;

    /// <summary>A ceiling for the budget whatever the dataset size: about 0.2 s of work before a dataset is refused.</summary>
    public long MaxWork { get; init; } = 200_000;

    /// <summary>Deepest recursion of Hash N-Degree Quads allowed (each level follows one more unlabeled blank node).</summary>
    public int MaxRecursionDepth { get; init; } = 256;

    internal long BudgetFor(int nonUniqueBlankNodes) =>
        Math.Min(MaxWork, Math.Max(MinWork, (long)WorkFactor * nonUniqueBlankNodes));
}
