namespace OpenLer.Credentials.Matching;

/// <summary>
/// A skill a vacancy asks for: an O*NET element ID, a weight from 1 to 3 (nice-to-have 1, important 2, must-have 3) and
/// whether it is a must-have (a must-have has weight 3; a weight-3 skill need not be a must-have).
/// </summary>
public sealed record VacancySkill(string Code, int Weight, bool MustHave = false)
{
    /// <summary>A skill of a category: its weight is the category's value, must-have for <see cref="Taxonomy.SkillCategory.MustHave"/>.</summary>
    public static VacancySkill Of(string code, Taxonomy.SkillCategory category) =>
        new(code, (int)category, category == Taxonomy.SkillCategory.MustHave);
}
