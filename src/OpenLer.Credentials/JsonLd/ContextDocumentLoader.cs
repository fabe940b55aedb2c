using System.Security.Cryptography;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Json;

namespace OpenLer.Credentials.JsonLd;

/// <summary>
/// The default <see cref="IDocumentLoader"/>: serves the embedded contexts and the operator's pinned contexts, each
/// checked against its SHA-256 when the loader is built, and refuses every other URL (UNKNOWN_CONTEXT_ERROR) without
/// touching the network (SECURITY.md LD-01, LD-02; VC Data Integrity 1.0 "Validating Contexts"). Remote loading
/// happens only through an injected <see cref="IRemoteContextFetcher"/> that the options explicitly enable.
/// </summary>
public sealed class ContextDocumentLoader : IDocumentLoader
{
    private static readonly Lazy<ContextDocumentLoader> DefaultLoader = new(() =>
    {
        var created = Create();
        return created.IsSuccess
            ? created.Value
            : throw new InvalidOperationException($"The embedded JSON-LD contexts are damaged: {created.Error}");
    });

    private readonly Dictionary<string, RemoteDocument> _known;
    private readonly ContextLoaderOptions _options;

    private ContextDocumentLoader(Dictionary<string, RemoteDocument> known, ContextLoaderOptions options)
    {
        _known = known;
        _options = options;
    }

    /// <summary>The embedded contexts only, no remote loading. Throws if the library's own resources were altered.</summary>
    public static ContextDocumentLoader Default => DefaultLoader.Value;

    /// <summary>The context URLs this loader serves without fetching.</summary>
    public IReadOnlyCollection<string> KnownUrls => _known.Keys;

    /// <summary>Builds a loader, verifying the SHA-256 of every embedded and additional context.</summary>
    public static Outcome<ContextDocumentLoader> Create(ContextLoaderOptions? options = null) =>
        Create(options ?? new ContextLoaderOptions(), EmbeddedContexts.ReadResource);

    internal static Outcome<ContextDocumentLoader> Create(ContextLoaderOptions options, Func<string, byte[]?> readEmbedded)
    {
        ArgumentNullException.ThrowIfNull(options);
        var known = new Dictionary<string, RemoteDocument>(StringComparer.Ordinal);
        var parsedFiles = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var entry in EmbeddedContexts.All)
        {
            if (!parsedFiles.TryGetValue(entry.File, out var document))
            {
                var bytes = readEmbedded(entry.File);
                if (bytes is null)
                {
                    return Outcome.Error(ErrorCodes.ContextIntegrity, $"embedded context {entry.File} ({entry.Url}) is missing");
                }

                var parsed = Verify(entry.Url, bytes, entry.Sha256);
                if (!parsed.IsSuccess)
                {
                    return parsed.Error;
                }

                document = parsed.Value;
                parsedFiles[entry.File] = document;
            }

            known[entry.Url] = new RemoteDocument(entry.Url, document);
        }

        foreach (var context in options.AdditionalContexts)
        {
            if (!Uri.TryCreate(context.Url, UriKind.Absolute, out _))
            {
                return Outcome.Error(ErrorCodes.ContextIntegrity, $"additional context URL '{context.Url}' is not absolute");
            }

            if (known.ContainsKey(context.Url))
            {
                return Outcome.Error(ErrorCodes.ContextIntegrity, $"additional context {context.Url} would replace an embedded context");
            }

            var parsed = Verify(context.Url, context.Content.Span, context.Sha256);
            if (!parsed.IsSuccess)
            {
                return parsed.Error;
            }

            known[context.Url] = new RemoteDocument(context.Url, parsed.Value);
        }

        return new ContextDocumentLoader(known, options);
    }

    public Outcome<RemoteDocument> LoadDocument(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (_known.TryGetValue(url, out var document))
        {
            return document;
        }

        if (!_options.AllowRemoteContexts || _options.RemoteFetcher is null)
        {
            return Outcome.Error(ErrorCodes.UnknownContext, $"context {url} is not one of the known contexts and remote contexts are disabled");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            return Outcome.Error(ErrorCodes.RemoteContextRefused, $"context {url} is not an https URL");
        }

        var fetched = _options.RemoteFetcher.Fetch(uri);
        if (!fetched.IsSuccess)
        {
            return Outcome.Error(ErrorCodes.RemoteContextRefused, $"context {url} could not be fetched: {fetched.Error.Message}");
        }

        var parsed = StrictJson.Parse(fetched.Value, new JsonLimits { MaxBytes = _options.MaxRemoteContextBytes });
        return parsed.IsSuccess
            ? new RemoteDocument(url, parsed.Value)
            : Outcome.Error(ErrorCodes.RemoteContextRefused, $"context {url} is not acceptable JSON: {parsed.Error.Message}");
    }

    private static Outcome<JsonNode> Verify(string url, ReadOnlySpan<byte> bytes, string expectedSha256)
    {
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(actual, expectedSha256, StringComparison.OrdinalIgnoreCase))
        {
            return Outcome.Error(ErrorCodes.ContextIntegrity, $"context {url} has SHA-256 {actual}, expected {expectedSha256.ToLowerInvariant()}");
        }

        var parsed = StrictJson.Parse(bytes);
        if (!parsed.IsSuccess)
        {
            return Outcome.Error(ErrorCodes.ContextIntegrity, $"context {url} is not valid JSON: {parsed.Error.Message}");
        }

        JsonTree.Materialize(parsed.Value);
        return parsed;
    }
}
