using OpenLer.Credentials.Json;

namespace OpenLer.Server.Infrastructure.Security;

/// <summary>
/// The verification budget (configuration section <c>OpenLer:Verification</c>): what one user-supplied credential may
/// cost before it is refused, so that hostile credentials never starve other pages (issue 9 finding 7; SECURITY.md
/// LD-11, RL-11; ASVS 15.2.2). Size, nodes and array lengths are checked in one pass before any JSON-LD work (413); the
/// time budget cancels a verification that runs too long (503); at most <see cref="MaxConcurrent"/> verifications run
/// at once, <see cref="QueueLimit"/> more may wait up to <see cref="QueueTimeoutMilliseconds"/> (then 503 with Retry-After).
/// </summary>
public sealed class VerificationBudgetOptions
{
    public const string Section = "OpenLer:Verification";

    /// <summary>Largest credential, in UTF-8 bytes (the library's own limit).</summary>
    public int MaxBytes { get; set; } = JsonLimits.DefaultMaxBytes;

    /// <summary>
    /// JSON values in one credential. Real Open Badges credentials have a few hundred; a CLR transcript a few thousand.
    /// 20,000 values verify in about 0.4 s on one core of the 2-core test machine.
    /// </summary>
    public int MaxNodes { get; set; } = 20_000;

    /// <summary>Members of any one array (evidence, results, alignments, nested credentials).</summary>
    public int MaxArrayLength { get; set; } = 1_000;

    /// <summary>Nesting depth.</summary>
    public int MaxDepth { get; set; } = JsonLimits.DefaultMaxDepth;

    /// <summary>Wall-clock time one verification may take once it runs; then it is cancelled (503).</summary>
    public int TimeBudgetMilliseconds { get; set; } = 2_000;

    /// <summary>Verifications running at once; 0 means one less than the processor count, at least 1.</summary>
    public int MaxConcurrent { get; set; }

    /// <summary>Verifications that may wait for a free slot; more answer 503 at once.</summary>
    public int QueueLimit { get; set; } = 4;

    /// <summary>How long a verification may wait for a slot before it answers 503.</summary>
    public int QueueTimeoutMilliseconds { get; set; } = 3_000;

    /// <summary>The effective concurrency: <see cref="MaxConcurrent"/>, or processors − 1 (at least 1) when 0.</summary>
    public int EffectiveConcurrency => MaxConcurrent > 0 ? MaxConcurrent : Math.Max(1, Environment.ProcessorCount - 1);

    public JsonLimits Limits => new() { MaxBytes = MaxBytes, MaxNodes = MaxNodes, MaxArrayLength = MaxArrayLength, MaxDepth = MaxDepth };
}
