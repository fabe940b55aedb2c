using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Protocols.Oid4Vp;

namespace OpenLer.Server.Features.Presentations;

/// <summary>One presented credential as the verifier checked it: what it says (the credential or the disclosed claims) and every check.</summary>
public sealed record PresentedItem(string QueryId, string Format, bool Verified, bool Accepted, JsonObject? Claims, IReadOnlyList<CheckResult> Checks, IReadOnlyList<string> QueryProblems);

/// <summary>The verified answer to a request, kept (encrypted) for the page that shows it like a share.</summary>
public sealed record PresentationOutcome(bool Accepted, IReadOnlyList<PresentedItem> Items, IReadOnlyList<string> Problems)
{
    public static PresentationOutcome From(PresentationResponseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new PresentationOutcome(result.Accepted, [.. result.Presentations.Select(p => new PresentedItem(
            p.QueryId, p.Format, p.Verified, p.Accepted, p.Claims?.DeepClone().AsObject(),
            [.. (p.Presentation?.Checks ?? []).Concat(p.Credential?.Checks ?? [])],
            p.QueryProblems))], result.Problems);
    }

    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(this);

    public static PresentationOutcome? Parse(string? json) => json is null ? null : System.Text.Json.JsonSerializer.Deserialize<PresentationOutcome>(json);
}
