namespace OpenLer.Credentials.Matching;

/// <summary>The result of <see cref="VacancyIndex.Rank"/>: vacancies best first for one applicant, each explainable.</summary>
public sealed class VacancyRanking
{
    private readonly ApplicantProfile _profile;
    private readonly string[] _ids;
    private readonly Vacancy[] _vacancies;
    private readonly ulong[] _keys;

    internal VacancyRanking(ApplicantProfile profile, string[] ids, Vacancy[] vacancies, ulong[] keys)
    {
        _profile = profile;
        _ids = ids;
        _vacancies = vacancies;
        _keys = keys;
    }

    /// <summary>How many vacancies.</summary>
    public int Count => _keys.Length;

    /// <summary>The caller's id of the vacancy at a rank (0 = best).</summary>
    public string IdAt(int rank) => _ids[MatchKey.Position(_keys[rank])];

    /// <summary>The score of the applicant for the vacancy at a rank.</summary>
    public decimal ScoreAt(int rank) => MatchKey.Tenths(_keys[rank]) / 10m;

    /// <summary>Whether the applicant passes that vacancy's gates.</summary>
    public bool PassesGatesAt(int rank) => MatchKey.Passes(_keys[rank]);

    /// <summary>The full explanation for the vacancy at a rank.</summary>
    public ApplicantMatch Explain(int rank) => SkillMatcher.Score(_vacancies[MatchKey.Position(_keys[rank])], _profile);
}
