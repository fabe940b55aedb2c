namespace OpenLer.Credentials.Taxonomy;

/// <summary>
/// One of an occupation's rated skills (or knowledge areas) with its O*NET importance and level, their standardized
/// scores, and the category <see cref="SkillProposals.For"/> suggests: null when it is not proposed (the employer can
/// still add it).
/// </summary>
public sealed record ProposedSkill(
    OnetElement Element,
    decimal Importance,
    decimal? Level,
    decimal ImportanceScore,
    decimal? LevelScore,
    SkillCategory? Suggested);
