namespace OpenLer.Credentials.Matching;

/// <summary>
/// The result of <see cref="ApplicantIndex.Rank"/>: applicants best first, each with score, gates and verified count;
/// <see cref="Explain(int)"/> gives the per-skill explanation of one (built on demand, e.g. for the page being shown).
/// </summary>
public sealed class ApplicantRanking
{
    private readonly Vacancy _vacancy;
    private readonly ApplicantProfile[] _profiles;
    private readonly ulong[] _keys;

    internal ApplicantRanking(Vacancy vacancy, ApplicantProfile[] profiles, ulong[] keys)
    {
        _vacancy = vacancy;
        _profiles = profiles;
        _keys = keys;
    }

    /// <summary>How many applicants.</summary>
    public int Count => _keys.Length;

    /// <summary>The applicant at a rank (0 = best).</summary>
    public ApplicantProfile this[int rank] => _profiles[MatchKey.Position(_keys[rank])];

    /// <summary>The score at a rank (0-100, one decimal).</summary>
    public decimal ScoreAt(int rank) => MatchKey.Tenths(_keys[rank]) / 10m;

    /// <summary>Whether the applicant at a rank passes the gates (must-haves, and work authorization when required).</summary>
    public bool PassesGatesAt(int rank) => MatchKey.Passes(_keys[rank]);

    /// <summary>The full explanation of the applicant at a rank.</summary>
    public ApplicantMatch Explain(int rank) => SkillMatcher.Score(_vacancy, this[rank]);

    /// <summary>The explanations of the applicants from rank <paramref name="skip"/>, at most <paramref name="take"/>.</summary>
    public IReadOnlyList<ApplicantMatch> Explain(int skip, int take)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegative(take);
        return [.. Enumerable.Range(skip, Math.Max(0, Math.Min(take, Count - skip))).Select(rank => Explain(rank))];
    }
}
