using System.Text.Json.Nodes;

namespace OpenLer.Credentials.JsonLd;

/// <summary>
/// JSON-LD API §9.4.3 <c>JsonLdOptions</c>, the subset this processor implements, plus <see cref="SafeMode"/>
/// (VC Data Integrity 1.0 §2.4.3 "Securing Data Losslessly") and <see cref="Limits"/>.
/// </summary>
public sealed record JsonLdOptions
{
    /// <summary>Defaults of the JSON-LD API: normal mode, no base IRI, JSON-LD 1.1.</summary>
    public static JsonLdOptions Default { get; } = new();

    /// <summary>
    /// What the product uses for credentials: safe mode on and base IRI null, as VC Data Integrity 1.0 §2.4.3 and
    /// §4 ("the base URL MUST be set to null") require.
    /// </summary>
    public static JsonLdOptions Credential { get; } = new() { SafeMode = true };

    /// <summary>The base IRI of the document (<c>base</c>); null for credentials.</summary>
    public string? Base { get; init; }

    /// <summary>A context applied before the document's own (<c>expandContext</c>): a context or a map with <c>@context</c>.</summary>
    public JsonNode? ExpandContext { get; init; }

    public JsonLdProcessingMode ProcessingMode { get; init; } = JsonLdProcessingMode.JsonLd11;

    /// <summary>
    /// When true, anything the algorithms would silently drop (an undefined term, a relative IRI, a malformed
    /// language tag...) fails with <c>DATA_LOSS_DETECTION_ERROR</c> instead.
    /// </summary>
    public bool SafeMode { get; init; }

    public RdfDirection RdfDirection { get; init; } = RdfDirection.None;

    /// <summary>Keep triples whose predicate is a blank node (<c>produceGeneralizedRdf</c>).</summary>
    public bool ProduceGeneralizedRdf { get; init; }

    public JsonLdLimits Limits { get; init; } = JsonLdLimits.Default;
}
