namespace OpenLer.Credentials.Matching;

/// <summary>
/// What matching learns from one shared credential: its id (the credential's <c>id</c>, or a name the caller gives one
/// without), its issuer, whether it verifies now (genuine, trusted issuer, not revoked, not expired: the caller decides,
/// e.g. with the credential verifier and a trust list) and the skill codes it aligns to (from
/// <see cref="AlignmentExtractor"/>). A credential that does not verify counts for nothing, not even as self-reported.
/// </summary>
public sealed record CredentialEvidence(string CredentialId, string? IssuerId, bool VerifiesNow, IReadOnlyList<string> SkillCodes);
