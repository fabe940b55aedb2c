namespace OpenLer.Credentials.Json;

/// <summary>
/// Limits applied to every untrusted JSON document before it is parsed (SECURITY.md CP-16, LD-11): all are checked in
/// one pass over the bytes, before any tree is built or any JSON-LD work starts.
/// </summary>
public sealed record JsonLimits
{
    /// <summary>1 MiB: far above any real credential, far below what hurts.</summary>
    public const int DefaultMaxBytes = 1024 * 1024;

    /// <summary>Open Badges credentials nest about 8 deep; 64 leaves room and bounds recursion.</summary>
    public const int DefaultMaxDepth = 64;

    /// <summary>
    /// Values (objects, arrays, strings, numbers, literals) in one document. The 1EdTech "complete" Open Badges 3.0 example
    /// has about 250; a CLR with a hundred nested credentials a few tens of thousands.
    /// </summary>
    public const int DefaultMaxNodes = 100_000;

    /// <summary>Members of any one array (evidence, results, alignments, nested credentials...).</summary>
    public const int DefaultMaxArrayLength = 10_000;

    public static JsonLimits Default { get; } = new();

    public int MaxBytes { get; init; } = DefaultMaxBytes;

    public int MaxDepth { get; init; } = DefaultMaxDepth;

    public int MaxNodes { get; init; } = DefaultMaxNodes;

    public int MaxArrayLength { get; init; } = DefaultMaxArrayLength;
}
