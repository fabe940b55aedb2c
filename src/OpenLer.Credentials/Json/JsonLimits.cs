namespace OpenLer.Credentials.Json;

/// <summary>
/// Limits applied to every untrusted JSON document before it is parsed (SECURITY.md CP-16, LD-11).
/// </summary>
public sealed record JsonLimits
{
    /// <summary>1 MiB: far above any real credential, far below what hurts.</summary>
    public const int DefaultMaxBytes = 1024 * 1024;

    /// <summary>Open Badges credentials nest about 8 deep; 64 leaves room and bounds recursion.</summary>
    public const int DefaultMaxDepth = 64;

    public static JsonLimits Default { get; } = new();

    public int MaxBytes { get; init; } = DefaultMaxBytes;

    public int MaxDepth { get; init; } = DefaultMaxDepth;
}
