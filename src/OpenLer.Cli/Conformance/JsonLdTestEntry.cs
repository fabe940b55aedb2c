using System.Text.Json.Nodes;

namespace OpenLer.Cli.Conformance;

/// <summary>One entry of a W3C JSON-LD API test manifest (see ../shared/vectors/json-ld-api/PROVENANCE.md).</summary>
internal sealed record JsonLdTestEntry(
    string Id,
    IReadOnlyList<string> Types,
    string Name,
    string Input,
    string? Expect,
    string? ExpectErrorCode,
    JsonObject Options)
{
    public bool IsNegative => Types.Contains("jld:NegativeEvaluationTest");

    public bool IsSyntaxTest => Types.Contains("jld:PositiveSyntaxTest");

    public string? Option(string name) => Options[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public bool Flag(string name) => Options[name] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}
