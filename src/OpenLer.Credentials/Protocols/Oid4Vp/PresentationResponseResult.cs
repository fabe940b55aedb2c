namespace OpenLer.Credentials.Protocols.Oid4Vp;

/// <summary>
/// The verification of a whole <c>vp_token</c> (OpenID4VP 1.0 §8.6): each presentation, and the problems of the response as
/// a whole (unknown query ids, missing required credentials, unsatisfied credential sets). <see cref="Accepted"/> only when
/// there is no problem and every presentation is accepted: a response with one bad presentation is rejected (§14.1.2).
/// </summary>
public sealed record PresentationResponseResult(IReadOnlyList<PresentedCredential> Presentations, IReadOnlyList<string> Problems)
{
    public bool Accepted => Problems.Count == 0 && Presentations.Count > 0 && Presentations.All(p => p.Accepted);

    public override string ToString() => $"{(Accepted ? "accepted" : "rejected")}: {string.Join("; ", Problems.Concat(Presentations.Select(p => p.ToString())))}";
}
