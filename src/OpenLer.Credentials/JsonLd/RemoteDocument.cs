using System.Text.Json.Nodes;

namespace OpenLer.Credentials.JsonLd;

/// <summary>JSON-LD API §9.4.5 <c>RemoteDocument</c>: a parsed document and the URL it was retrieved from.</summary>
public sealed record RemoteDocument(string DocumentUrl, JsonNode Document);
