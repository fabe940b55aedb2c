using System.Text.Json.Nodes;

namespace OpenLer.Credentials.JsonLd;

/// <summary>
/// A term definition (JSON-LD API §4.1): immutable once added to an <see cref="ActiveContext"/>.
/// "Has" flags distinguish an absent mapping from one explicitly set to null, which the algorithms treat differently.
/// </summary>
internal sealed class TermDefinition
{
    /// <summary>IRI, blank node identifier or keyword; null when defined with <c>"@id": null</c>.</summary>
    public string? IriMapping { get; init; }

    public bool IsPrefix { get; init; }

    public bool IsProtected { get; init; }

    public bool IsReverse { get; init; }

    public string? BaseUrl { get; init; }

    public bool HasLocalContext { get; init; }

    /// <summary>The scoped context (may itself be JSON null, which resets the active context).</summary>
    public JsonNode? LocalContext { get; init; }

    /// <summary>True when <see cref="LocalContext"/> belongs to a cached context document, so results may be cached by its identity.</summary>
    public bool LocalContextPinned { get; init; }

    public ContainerKinds Container { get; init; }

    public bool HasDirection { get; init; }

    /// <summary>"ltr", "rtl" or null (an explicit null cancels the default base direction).</summary>
    public string? Direction { get; init; }

    public string? IndexMapping { get; init; }

    public bool HasLanguage { get; init; }

    public string? Language { get; init; }

    public string? Nest { get; init; }

    public string? TypeMapping { get; init; }

    public TermDefinition WithProtected(bool isProtected) => new()
    {
        IriMapping = IriMapping,
        IsPrefix = IsPrefix,
        IsProtected = isProtected,
        IsReverse = IsReverse,
        BaseUrl = BaseUrl,
        HasLocalContext = HasLocalContext,
        LocalContext = LocalContext,
        LocalContextPinned = LocalContextPinned,
        Container = Container,
        HasDirection = HasDirection,
        Direction = Direction,
        IndexMapping = IndexMapping,
        HasLanguage = HasLanguage,
        Language = Language,
        Nest = Nest,
        TypeMapping = TypeMapping,
    };

    /// <summary>
    /// Equality "other than the value of protected" (§4.2.2 step 27.1). The base URL is not compared: the same scoped
    /// context served from two documents means the same thing.
    /// </summary>
    public bool SameAs(TermDefinition other) =>
        string.Equals(IriMapping, other.IriMapping, StringComparison.Ordinal)
        && IsPrefix == other.IsPrefix
        && IsReverse == other.IsReverse
        && HasLocalContext == other.HasLocalContext
        && (!HasLocalContext || JsonNode.DeepEquals(LocalContext, other.LocalContext))
        && Container == other.Container
        && HasDirection == other.HasDirection
        && string.Equals(Direction, other.Direction, StringComparison.Ordinal)
        && string.Equals(IndexMapping, other.IndexMapping, StringComparison.Ordinal)
        && HasLanguage == other.HasLanguage
        && string.Equals(Language, other.Language, StringComparison.Ordinal)
        && string.Equals(Nest, other.Nest, StringComparison.Ordinal)
        && string.Equals(TypeMapping, other.TypeMapping, StringComparison.Ordinal);
}
