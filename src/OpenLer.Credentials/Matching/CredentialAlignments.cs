namespace OpenLer.Credentials.Matching;

/// <summary>
/// What <see cref="AlignmentExtractor"/> reads from a credential: its id and issuer id (null when absent) and the distinct
/// skill codes of the vocabulary its achievements align to, in the order first found.
/// </summary>
public sealed record CredentialAlignments(string? CredentialId, string? IssuerId, IReadOnlyList<string> SkillCodes)
{
    /// <summary>The evidence for matching, with the verdict the caller reached (and a name for a credential without an id).</summary>
    public CredentialEvidence ToEvidence(bool verifiesNow, string fallbackId) =>
        new(CredentialId ?? fallbackId, IssuerId, verifiesNow, SkillCodes);
}
