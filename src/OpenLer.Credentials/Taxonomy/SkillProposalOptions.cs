namespace OpenLer.Credentials.Taxonomy;

/// <summary>
/// How <see cref="SkillProposals.For"/> suggests a category for each of an occupation's skills, by the O*NET
/// standardized importance score S (0-100; S = (IM - 1) / 4 * 100). The defaults: must-have from S 75 (importance 4.0,
/// "very important"), important from S 62.5 (3.5), nice-to-have from S 50 (3.0, the point from which O*NET OnLine
/// calls a skill important). At most <see cref="MaximumProposed"/> skills get a category (the most important); when
/// fewer than <see cref="MinimumProposed"/> reach the nice-to-have threshold, the next most important ones are proposed
/// as nice-to-have up to that number. The employer can change every threshold, and every suggestion.
/// </summary>
public sealed record SkillProposalOptions
{
    /// <summary>The default options.</summary>
    public static SkillProposalOptions Default { get; } = new();

    /// <summary>Lowest standardized importance for must-have.</summary>
    public decimal MustHaveFrom { get; init; } = 75m;

    /// <summary>Lowest standardized importance for important.</summary>
    public decimal ImportantFrom { get; init; } = 62.5m;

    /// <summary>Lowest standardized importance for nice-to-have.</summary>
    public decimal NiceToHaveFrom { get; init; } = 50m;

    /// <summary>At least this many skills are proposed when the occupation has that many rated (default 5).</summary>
    public int MinimumProposed { get; init; } = 5;

    /// <summary>At most this many skills are proposed (default 15).</summary>
    public int MaximumProposed { get; init; } = 15;

    /// <summary>Whether knowledge areas (2.C) are listed and proposed too; by default only skills (2.A, 2.B).</summary>
    public bool IncludeKnowledge { get; init; }
}
