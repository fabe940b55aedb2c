namespace OpenLer.Credentials.Matching;

/// <summary>
/// Everything matching may know of an applicant, and nothing more: an opaque application id chosen by the caller (never
/// a name or contact), when they applied, the evidence of each shared credential (id, issuer, verifies now, aligned skill
/// codes), the skill codes they reported themselves, and, only when the vacancy requires it, the work-authorization
/// yes/no they chose to disclose. There is no field for a name, contact, nationality, language of origin or any other
/// protected data, so matching cannot use them. Evidence is held as two bitsets (verified, self-reported) plus the
/// proving credentials per skill for the explanation. Codes outside the vocabulary are ignored (see
/// <see cref="IgnoredSelfReported"/>). Immutable.
/// </summary>
public sealed class ApplicantProfile
{
    private readonly Dictionary<int, SkillProof[]> _proofs;

    private ApplicantProfile(string applicationId, DateTimeOffset appliedAt, SkillVocabulary vocabulary, UInt128 verified, UInt128 selfReported,
        Dictionary<int, SkillProof[]> proofs, bool? workAuthorized, IReadOnlyList<string> ignored)
    {
        ApplicationId = applicationId;
        AppliedAt = appliedAt;
        Vocabulary = vocabulary;
        Verified = verified;
        SelfReported = selfReported;
        _proofs = proofs;
        WorkAuthorized = workAuthorized;
        IgnoredSelfReported = ignored;
    }

    /// <summary>The caller's opaque id of the application (e.g. a GUID or an applicant folder name); the last tie-break.</summary>
    public string ApplicationId { get; }

    /// <summary>When the applicant applied; earlier ranks first among equals.</summary>
    public DateTimeOffset AppliedAt { get; }

    /// <summary>The vocabulary of the codes.</summary>
    public SkillVocabulary Vocabulary { get; }

    /// <summary>
    /// The work-authorization answer the applicant chose to disclose (true = authorized to work), or null when not
    /// disclosed or not asked. Read only when the vacancy requires work authorization.
    /// </summary>
    public bool? WorkAuthorized { get; }

    /// <summary>Self-reported codes that are not in the vocabulary and were ignored, for the caller to report.</summary>
    public IReadOnlyList<string> IgnoredSelfReported { get; }

    /// <summary>Skills proven by a credential that verifies now.</summary>
    internal UInt128 Verified { get; }

    /// <summary>Skills only self-reported (never overlaps <see cref="Verified"/>).</summary>
    internal UInt128 SelfReported { get; }

    /// <summary>The skill codes proven by a credential that verifies now.</summary>
    public IReadOnlyList<string> VerifiedCodes => [.. SkillBits.Members(Verified).Select(i => Vocabulary.Codes[i])];

    /// <summary>The skill codes only self-reported.</summary>
    public IReadOnlyList<string> SelfReportedCodes => [.. SkillBits.Members(SelfReported).Select(i => Vocabulary.Codes[i])];

    /// <summary>
    /// Builds a profile. Credentials that do not verify now add nothing; a skill proven by several credentials keeps
    /// every proof (each credential once). Self-reported codes a credential already proves count as verified.
    /// </summary>
    public static ApplicantProfile Create(
        string applicationId,
        DateTimeOffset appliedAt,
        IEnumerable<CredentialEvidence> credentials,
        IEnumerable<string> selfReported,
        bool? workAuthorized = null,
        SkillVocabulary? vocabulary = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(applicationId);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(selfReported);
        vocabulary ??= SkillVocabulary.Default;
        UInt128 verified = UInt128.Zero;
        var proofs = new Dictionary<int, List<SkillProof>>();
        foreach (var credential in credentials)
        {
            ArgumentNullException.ThrowIfNull(credential);
            if (!credential.VerifiesNow)
            {
                continue;
            }

            foreach (var code in credential.SkillCodes)
            {
                var index = vocabulary.IndexOf(code);
                if (index < 0)
                {
                    continue;
                }

                verified |= SkillBits.Bit(index);
                if (!proofs.TryGetValue(index, out var list))
                {
                    proofs[index] = list = [];
                }

                var proof = new SkillProof(credential.CredentialId, credential.IssuerId);
                if (!list.Contains(proof))
                {
                    list.Add(proof);
                }
            }
        }

        UInt128 self = UInt128.Zero;
        var ignored = new List<string>();
        foreach (var code in selfReported)
        {
            var index = vocabulary.IndexOf(code);
            if (index < 0)
            {
                ignored.Add(code);
                continue;
            }

            self |= SkillBits.Bit(index);
        }

        return new ApplicantProfile(applicationId, appliedAt, vocabulary, verified, self & ~verified,
            proofs.ToDictionary(p => p.Key, p => p.Value.ToArray()), workAuthorized, ignored.AsReadOnly());
    }

    /// <summary>The evidence for one code of the vocabulary.</summary>
    public EvidenceKind EvidenceFor(string code)
    {
        var index = Vocabulary.IndexOf(code);
        return index < 0 ? EvidenceKind.Missing
            : SkillBits.Has(Verified, index) ? EvidenceKind.Verified
            : SkillBits.Has(SelfReported, index) ? EvidenceKind.SelfReported
            : EvidenceKind.Missing;
    }

    /// <summary>The credentials proving a code (empty unless verified).</summary>
    public IReadOnlyList<SkillProof> ProofsFor(string code)
    {
        var index = Vocabulary.IndexOf(code);
        return index >= 0 && _proofs.TryGetValue(index, out var list) ? list : [];
    }
}
