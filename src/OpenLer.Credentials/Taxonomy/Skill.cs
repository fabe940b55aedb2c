namespace OpenLer.Credentials.Taxonomy;

/// <summary>
/// A skill of the taxonomy, such as O*NET "2.A.1.a" Reading Comprehension. <see cref="Description"/> is written in
/// plain language in the built-in taxonomy; an imported taxonomy carries the source's own text.
/// </summary>
public sealed record Skill(string Code, string Name, string Description);

/// <summary>
/// An occupation, such as O*NET-SOC "35-2021.00" Food Preparation Workers, with the codes of the skills most
/// important to it (most important first).
/// </summary>
public sealed record Occupation(string Code, string Title, string Description, IReadOnlyList<string> SkillCodes);
