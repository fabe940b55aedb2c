using System.Text.Json.Nodes;

namespace OpenLer.Credentials.JsonLd;

/// <summary>The value of a JSON literal (<c>"@type": "@json"</c>): any JSON, kept as the input node (never modified).</summary>
internal sealed class JsonLiteral(JsonNode? node)
{
    public JsonNode? Node { get; } = node;
}
