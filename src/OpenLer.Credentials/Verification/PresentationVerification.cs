using System.Collections.Immutable;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Verification;

/// <summary>
/// The result of verifying a Verifiable Presentation: the presentation's own checks (format, proof, verification method,
/// holder binding), the holder it names, and each credential's verification. <see cref="Verified"/> only when every required
/// check of the presentation and of every credential passed.
/// </summary>
public sealed class PresentationVerification(IEnumerable<CheckResult> checks, string? holder, IEnumerable<VerificationResult> credentials, JsonObject? presentation)
{
    public ImmutableArray<CheckResult> Checks { get; } = [.. checks];

    /// <summary>The holder's DID, as the presentation names it (read it only when <see cref="PresentationVerified"/>).</summary>
    public string? Holder { get; } = holder;

    public ImmutableArray<VerificationResult> Credentials { get; } = [.. credentials];

    public JsonObject? Presentation { get; } = presentation;

    /// <summary>The presentation itself is well-formed and signed by its holder for this challenge and domain.</summary>
    public bool PresentationVerified =>
        Checks.Any(c => c.Name == CheckNames.Proof && c.Status == CheckStatus.Passed) && Checks.All(c => !c.Required || c.Status == CheckStatus.Passed);

    public bool Verified => PresentationVerified && Credentials.All(c => c.Verified);

    /// <summary>The first problem: the presentation's, else the first credential's.</summary>
    public CheckResult? FirstProblem =>
        Checks.FirstOrDefault(c => c.Required && c.Status != CheckStatus.Passed) ?? Credentials.Select(c => c.FirstProblem).FirstOrDefault(p => p is not null);

    public static PresentationVerification Failed(string check, string code, string message) =>
        new([CheckResult.Fail(check, code, message)], null, [], null);

    public override string ToString() => string.Join("; ", Checks.Select(c => $"{c.Name}: {c.Status} {c.Code}")) + $"; {Credentials.Length} credential(s)";
}
