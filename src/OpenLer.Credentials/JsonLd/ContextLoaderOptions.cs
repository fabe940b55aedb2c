namespace OpenLer.Credentials.JsonLd;

/// <summary>What <see cref="ContextDocumentLoader"/> serves besides the embedded contexts.</summary>
public sealed record ContextLoaderOptions
{
    /// <summary>Contexts added by the operator: URL, bytes and expected SHA-256.</summary>
    public IReadOnlyList<KnownContext> AdditionalContexts { get; init; } = [];

    /// <summary>Fetches unknown https contexts; ignored unless <see cref="AllowRemoteContexts"/> is true.</summary>
    public IRemoteContextFetcher? RemoteFetcher { get; init; }

    /// <summary>Off by default: an unknown context URL is refused without any network access.</summary>
    public bool AllowRemoteContexts { get; init; }

    /// <summary>Size cap for a fetched context.</summary>
    public int MaxRemoteContextBytes { get; init; } = 256 * 1024;
}
