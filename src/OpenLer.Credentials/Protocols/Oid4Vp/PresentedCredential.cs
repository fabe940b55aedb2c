using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Verification;

namespace OpenLer.Credentials.Protocols.Oid4Vp;

/// <summary>
/// One presentation in a <c>vp_token</c>, checked: its verification (a Verifiable Presentation's, or an SD-JWT VC's with key
/// binding), what it says (<see cref="Claims"/>: the credential, or of the SD-JWT's disclosed claims only those the query
/// asked for, with its processing claims) and whether it meets its credential query. <see cref="Accepted"/> only when both hold.
/// </summary>
public sealed record PresentedCredential(string QueryId, string Format, VerificationResult? Credential, PresentationVerification? Presentation,
    JsonObject? Claims, IReadOnlyList<string> QueryProblems)
{
    public bool Verified => Presentation is not null ? Presentation.Verified : Credential?.Verified == true;

    public bool Accepted => Verified && QueryProblems.Count == 0;

    public CheckResult? FirstProblem => Presentation is not null ? Presentation.FirstProblem : Credential?.FirstProblem;

    public override string ToString() => $"{QueryId} ({Format}): {(Accepted ? "accepted" : "refused")}";
}
