using System.Text.Json.Nodes;

namespace OpenLer.Credentials.Protocols.Oid4Vci;

/// <summary>
/// A claims description of issuer metadata (OpenID4VCI 1.0 Appendix B.2): a claims path pointer (strings for object members,
/// non-negative integers for array positions, null for every element), whether the claim is always present, and its
/// label per locale.
/// </summary>
public sealed record ClaimDescription(IReadOnlyList<object?> Path, IReadOnlyList<LocalizedName> Display, bool Mandatory = false)
{
    /// <summary>A description of a claim at the top level or under nested objects, e.g. <c>("credentialSubject", "achievement")</c>.</summary>
    public static ClaimDescription At(IReadOnlyList<LocalizedName> display, bool mandatory, params string[] path) => new([.. path], display, mandatory);

    public JsonObject ToJson()
    {
        if (Path.Count == 0)
        {
            throw new InvalidOperationException("A claims path pointer is a non-empty array.");
        }

        var json = new JsonObject
        {
            ["path"] = new JsonArray([.. Path.Select(PathComponent)]),
        };
        if (Mandatory)
        {
            json["mandatory"] = true;
        }

        if (Display.Count > 0)
        {
            json["display"] = new JsonArray([.. Display.Select(d => (JsonNode)new JsonObject { ["name"] = d.Name, ["locale"] = d.Locale })]);
        }

        return json;
    }

    private static JsonNode? PathComponent(object? component) => component switch
    {
        null => null,
        string s => JsonValue.Create(s),
        int i when i >= 0 => JsonValue.Create(i),
        _ => throw new InvalidOperationException("A claims path component is a string, a non-negative integer or null."),
    };
}
