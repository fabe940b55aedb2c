namespace OpenLer.Credentials.Matching;

/// <summary>One vacancy skill for one applicant: proven (by which credentials and issuers), self-reported or missing.</summary>
public sealed record SkillMatch(string Code, int Weight, bool MustHave, EvidenceKind Evidence, IReadOnlyList<SkillProof> Proofs);
