using System.Text.Json.Nodes;

namespace OpenLer.Credentials.JsonLd;

/// <summary>Helpers over <see cref="JsonNode"/> trees.</summary>
internal static class JsonTree
{
    /// <summary>
    /// Walks the whole tree once. A parsed <see cref="JsonObject"/> builds its member table on first access, which is
    /// not thread-safe; cached documents are read by many threads, so they are materialized before being shared.
    /// </summary>
    public static void Materialize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var member in obj)
                {
                    Materialize(member.Value);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Materialize(item);
                }

                break;
        }
    }
}
