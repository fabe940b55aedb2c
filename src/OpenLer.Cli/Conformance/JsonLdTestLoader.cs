using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.JsonLd;

namespace OpenLer.Cli.Conformance;

/// <summary>
/// Serves the test suite's remote contexts from the local copy: <c>https://w3c.github.io/json-ld-api/tests/X</c> is
/// <c>{tests}/X</c>. Any other URL, or a missing file, fails like a failed dereference would.
/// </summary>
internal sealed class JsonLdTestLoader(string testsDirectory) : IDocumentLoader
{
    public Outcome<RemoteDocument> LoadDocument(string url)
    {
        var path = LocalPath(url);
        if (path is null || !File.Exists(path))
        {
            return Outcome.Error(ErrorCodes.UnknownContext, $"no test file for {url}");
        }

        try
        {
            var node = JsonNode.Parse(File.ReadAllText(path), documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = 256 });
            return node is null
                ? Outcome.Error(ErrorCodes.JsonParse, $"{url} is JSON null")
                : new RemoteDocument(url, node);
        }
        catch (System.Text.Json.JsonException ex)
        {
            return Outcome.Error(ErrorCodes.JsonParse, $"{url} is not JSON: {ex.Message}");
        }
    }

    public string? LocalPath(string url)
    {
        if (!url.StartsWith(JsonLdManifest.BaseIri, StringComparison.Ordinal))
        {
            return null;
        }

        var relative = url[JsonLdManifest.BaseIri.Length..];
        var cut = relative.IndexOfAny(['?', '#']);
        if (cut >= 0)
        {
            relative = relative[..cut];
        }

        var full = Path.GetFullPath(Path.Combine(testsDirectory, relative));
        return full.StartsWith(Path.GetFullPath(testsDirectory), StringComparison.Ordinal) ? full : null;
    }
}
