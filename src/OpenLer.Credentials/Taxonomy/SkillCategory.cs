namespace OpenLer.Credentials.Taxonomy;

/// <summary>
/// How much a vacancy needs a skill. The numeric value is the skill's weight in the matching score (issue 12: must-have 3,
/// important 2, nice-to-have 1).
/// </summary>
public enum SkillCategory
{
    /// <summary>Weight 1.</summary>
    NiceToHave = 1,

    /// <summary>Weight 2.</summary>
    Important = 2,

    /// <summary>Weight 3; an applicant with no evidence of it ranks after every applicant who has some.</summary>
    MustHave = 3,
}
