using System.Text.Json.Nodes;

namespace OpenLer.Credentials.Jcs;

/// <summary>A top-level member to remove from, or set in, an object while canonicalizing it.</summary>
public readonly record struct MemberOverride(string Name, JsonNode? Value, bool Remove)
{
    public static MemberOverride Without(string name) => new(name, null, true);

    public static MemberOverride With(string name, JsonNode? value) => new(name, value, false);
}
