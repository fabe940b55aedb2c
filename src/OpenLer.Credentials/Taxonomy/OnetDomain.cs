namespace OpenLer.Credentials.Taxonomy;

/// <summary>The O*NET content model domain of an element: skills (2.A, 2.B, from <c>Skills.txt</c>) or knowledge (2.C, from <c>Knowledge.txt</c>).</summary>
public enum OnetDomain
{
    /// <summary>A skill: basic skills 2.A.*, cross-functional skills 2.B.*.</summary>
    Skill,

    /// <summary>A knowledge area: 2.C.*.</summary>
    Knowledge,
}
