namespace OpenLer.Credentials.Matching;

/// <summary>
/// Vacancies held for "jobs that fit your skills": each vacancy's weight masks, must-have mask and weight sum in flat
/// arrays, so ranking 10,000 vacancies for one applicant profile is a few popcounts per vacancy and one sort (well
/// under 20 ms; see docs/benchmarks.md). Order: vacancies whose gates the applicant passes first, then score, then number
/// of verified vacancy skills, then the order the vacancies were given in (e.g. newest first). Immutable, thread-safe.
/// </summary>
public sealed class VacancyIndex
{
    private readonly string[] _ids;
    private readonly Vacancy[] _vacancies;

    private VacancyIndex(string[] ids, Vacancy[] vacancies, SkillVocabulary vocabulary)
    {
        _ids = ids;
        _vacancies = vacancies;
        Vocabulary = vocabulary;
    }

    /// <summary>The vocabulary of every vacancy.</summary>
    public SkillVocabulary Vocabulary { get; }

    /// <summary>How many vacancies.</summary>
    public int Count => _vacancies.Length;

    /// <summary>Builds the index from the caller's vacancy ids and vacancies, in the caller's order (the last tie-break).</summary>
    public static VacancyIndex Build(IEnumerable<(string Id, Vacancy Vacancy)> vacancies, SkillVocabulary? vocabulary = null)
    {
        ArgumentNullException.ThrowIfNull(vacancies);
        var list = vacancies.ToList();
        vocabulary ??= list.Count > 0 ? list[0].Vacancy.Vocabulary : SkillVocabulary.Default;
        if (list.Any(v => v.Vacancy.Vocabulary != vocabulary))
        {
            throw new ArgumentException("every vacancy must use the same skill vocabulary", nameof(vacancies));
        }

        return new VacancyIndex([.. list.Select(v => v.Id)], [.. list.Select(v => v.Vacancy)], vocabulary);
    }

    /// <summary>Ranks every vacancy for one applicant profile, best first.</summary>
    public VacancyRanking Rank(ApplicantProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (profile.Vocabulary != Vocabulary)
        {
            throw new ArgumentException("the profile uses another skill vocabulary", nameof(profile));
        }

        var keys = new ulong[_vacancies.Length];
        var verified = profile.Verified;
        var self = profile.SelfReported;
        var authorized = profile.WorkAuthorized == true;
        for (var i = 0; i < keys.Length; i++)
        {
            var vacancy = _vacancies[i];
            var v = verified & vacancy.All;
            var s = self & vacancy.All;
            var passes = (vacancy.MustHave & ~(v | s)) == UInt128.Zero && (!vacancy.RequiresWorkAuthorization || authorized);
            keys[i] = MatchKey.Create(passes, MatchScore.Tenths(MatchScore.DoubledPoints(vacancy, v, s), vacancy.WeightSum), SkillBits.Count(v), i);
        }

        MatchKey.SortDescending(keys);
        return new VacancyRanking(profile, _ids, _vacancies, keys);
    }
}
