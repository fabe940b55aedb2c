namespace OpenLer.Credentials.LerRs;

/// <summary>
/// Work the applicant reported themselves (informal work included): a job title, optionally the organization, start and
/// end (YYYY, YYYY-MM or YYYY-MM-DD) and a description. Always exported as self-reported.
/// </summary>
public sealed record SelfReportedExperience(string Title, string? Organization = null, string? Start = null, string? End = null, string? Description = null);
