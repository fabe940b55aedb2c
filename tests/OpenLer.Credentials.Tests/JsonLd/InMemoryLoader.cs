using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.JsonLd;

namespace OpenLer.Credentials.Tests.JsonLd;

/// <summary>Serves test contexts from memory and counts every request.</summary>
internal sealed class InMemoryLoader(Dictionary<string, string> documents) : IDocumentLoader
{
    public int Requests { get; private set; }

    public Outcome<RemoteDocument> LoadDocument(string url)
    {
        Requests++;
        return documents.TryGetValue(url, out var text)
            ? new RemoteDocument(url, JsonNode.Parse(text)!)
            : Outcome.Error(ErrorCodes.UnknownContext, $"unknown {url}");
    }
}
