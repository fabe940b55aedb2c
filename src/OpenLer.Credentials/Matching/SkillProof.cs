namespace OpenLer.Credentials.Matching;

/// <summary>A shared credential that proves a skill: its id (or the caller's name for it) and its issuer's id.</summary>
public sealed record SkillProof(string CredentialId, string? IssuerId);
