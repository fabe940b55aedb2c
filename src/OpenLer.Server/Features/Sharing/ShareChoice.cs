namespace OpenLer.Server.Features.Sharing;

/// <summary>What the holder picked for a new share link.</summary>
/// <param name="CredentialIds">Open Badges credentials.</param>
/// <param name="WorkAuthorizationId">The work-authorization credential, or null to leave it out.</param>
/// <param name="Facts">Its facts to disclose (claim names of the work-authorization profile).</param>
/// <param name="SelfReportedIds">Self-reported entries.</param>
/// <param name="Days">Days until the link stops working.</param>
/// <param name="Label">Who it is for (only the holder sees it).</param>
public sealed record ShareChoice(IReadOnlyCollection<Guid> CredentialIds, Guid? WorkAuthorizationId, IReadOnlyCollection<string> Facts,
    IReadOnlyCollection<Guid> SelfReportedIds, int Days, string Label)
{
    public override string ToString() => "ShareChoice { protected }";
}
