using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Matching;

/// <summary>
/// What matching knows of a vacancy: its skills (O*NET element IDs with weight and must-have) and whether it requires
/// work authorization. Nothing else about the vacancy or its employer enters the score. Built by <see cref="Create"/>,
/// which refuses bad input with an error value; immutable.
/// </summary>
public sealed class Vacancy
{
    private Vacancy(SkillVocabulary vocabulary, IReadOnlyList<VacancySkill> skills, bool requiresWorkAuthorization)
    {
        Vocabulary = vocabulary;
        Skills = skills;
        RequiresWorkAuthorization = requiresWorkAuthorization;
        foreach (var skill in skills)
        {
            var bit = SkillBits.Bit(vocabulary.IndexOf(skill.Code));
            All |= bit;
            switch (skill.Weight)
            {
                case 1: Weight1 |= bit; break;
                case 2: Weight2 |= bit; break;
                default: Weight3 |= bit; break;
            }

            if (skill.MustHave)
            {
                MustHave |= bit;
            }

            WeightSum += skill.Weight;
        }
    }

    /// <summary>The vocabulary the codes belong to.</summary>
    public SkillVocabulary Vocabulary { get; }

    /// <summary>The skills, in the order given.</summary>
    public IReadOnlyList<VacancySkill> Skills { get; }

    /// <summary>
    /// Whether the vacancy requires work authorization. Then an applicant ranks with those who meet every must-have only
    /// if the caller passes <see cref="ApplicantProfile.WorkAuthorized"/> = true (the yes/no the applicant chose to
    /// disclose); the server decides whether to ask. It never changes the score.
    /// </summary>
    public bool RequiresWorkAuthorization { get; }

    internal UInt128 All { get; }

    internal UInt128 Weight1 { get; }

    internal UInt128 Weight2 { get; }

    internal UInt128 Weight3 { get; }

    internal UInt128 MustHave { get; }

    internal int WeightSum { get; }

    /// <summary>
    /// Builds a vacancy. Errors (never exceptions): no skills (<see cref="MatchingErrors.NoSkills"/>), a weight other
    /// than 1, 2 or 3 or a must-have whose weight is not 3 (<see cref="MatchingErrors.InvalidWeight"/>), a code that is
    /// not an O*NET skill or knowledge element ID of the vocabulary (<see cref="MatchingErrors.UnknownSkill"/>), a code
    /// listed twice (<see cref="MatchingErrors.DuplicateSkill"/>). Each message names the skill by its position and code.
    /// </summary>
    public static Outcome<Vacancy> Create(IEnumerable<VacancySkill> skills, bool requiresWorkAuthorization = false, SkillVocabulary? vocabulary = null)
    {
        ArgumentNullException.ThrowIfNull(skills);
        vocabulary ??= SkillVocabulary.Default;
        var list = skills.ToList();
        if (list.Count == 0)
        {
            return Outcome.Error(MatchingErrors.NoSkills, "The vacancy has no skills: list at least one O*NET skill.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var skill = list[i] ?? throw new ArgumentException("a skill is null", nameof(skills));
            var code = Taxonomy.OnetDatabase.Shorten(skill.Code);
            if (!vocabulary.Contains(skill.Code))
            {
                return Outcome.Error(MatchingErrors.UnknownSkill,
                    $"skills[{i}]: \"{code}\" is not an O*NET skill or knowledge element ID of O*NET {vocabulary.Release} (e.g. 2.A.1.b Active Listening).");
            }

            if (skill.Weight is < 1 or > 3)
            {
                return Outcome.Error(MatchingErrors.InvalidWeight, $"skills[{i}] ({code}): the weight must be 1 (nice-to-have), 2 (important) or 3 (must-have), not {skill.Weight}.");
            }

            if (skill.MustHave && skill.Weight != 3)
            {
                return Outcome.Error(MatchingErrors.InvalidWeight, $"skills[{i}] ({code}): a must-have skill has weight 3, not {skill.Weight}.");
            }

            if (!seen.Add(skill.Code))
            {
                return Outcome.Error(MatchingErrors.DuplicateSkill, $"skills[{i}]: {code} is listed twice.");
            }
        }

        return new Vacancy(vocabulary, list.AsReadOnly(), requiresWorkAuthorization);
    }
}
