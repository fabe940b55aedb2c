namespace OpenLer.Credentials.JsonLd;

/// <summary>
/// Bounds on the work one JSON-LD operation may do (SECURITY.md LD-09, LD-11; ASVS 15.2.2). Every bound is checked
/// explicitly, so hostile input fails with a typed error instead of exhausting the stack or the CPU.
/// </summary>
public sealed record JsonLdLimits
{
    public static JsonLdLimits Default { get; } = new();

    /// <summary>Remote contexts loaded in one chain (JSON-LD API §4.1.2 step 5.2.3 "context overflow"); dotNetRDF uses 50.</summary>
    public int MaxRemoteContexts { get; init; } = 32;

    /// <summary>Context URL references (cached or not) and context documents loaded by one operation, each counted.</summary>
    public int MaxContextLoads { get; init; } = 64;

    /// <summary>Nested invocations of the Context Processing algorithm (scoped contexts inside scoped contexts).</summary>
    public int MaxContextDepth { get; init; } = 32;

    /// <summary>Terms whose definitions depend on each other in a chain (a → b:x → c:y ...), defined recursively.</summary>
    public int MaxTermDependencyDepth { get; init; } = 64;

    /// <summary>Nesting depth of the Expansion algorithm (maps and arrays inside each other, <c>@nest</c> included).</summary>
    public int MaxExpansionDepth { get; init; } = 128;

    /// <summary>
    /// Work units per operation: each term definition created or copied, each expanded value and each quad counts one.
    /// A 1 MiB document needs well under a million; a context amplification attack needs far more.
    /// </summary>
    public long MaxWork { get; init; } = 2_000_000;
}
