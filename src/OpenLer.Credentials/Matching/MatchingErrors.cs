namespace OpenLer.Credentials.Matching;

/// <summary>Stable error codes of the matching engine (bad vacancies).</summary>
public static class MatchingErrors
{
    /// <summary>The vacancy lists no skills.</summary>
    public const string NoSkills = "VACANCY_NO_SKILLS_ERROR";

    /// <summary>A skill's weight is not 1, 2 or 3, or a must-have's weight is not 3.</summary>
    public const string InvalidWeight = "VACANCY_INVALID_WEIGHT_ERROR";

    /// <summary>A skill code is not an O*NET skill or knowledge element ID of the vocabulary.</summary>
    public const string UnknownSkill = "UNKNOWN_ONET_CODE_ERROR";

    /// <summary>The same skill is listed twice.</summary>
    public const string DuplicateSkill = "VACANCY_DUPLICATE_SKILL_ERROR";
}
