using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Taxonomy;

/// <summary>
/// Proposes a vacancy's required skills from the O*NET ratings of its occupation (issue 12): every rated skill, most
/// important first (importance, then level, then element ID), each with a suggested category by
/// <see cref="SkillProposalOptions"/>. Skills whose importance O*NET suppressed are not listed.
/// </summary>
public static class SkillProposals
{
    /// <summary>
    /// The proposals for <paramref name="occupationCode"/>; an <see cref="TaxonomyErrors.UnknownCode"/> error for a code
    /// the table does not have, an <see cref="TaxonomyErrors.InvalidThresholds"/> error for thresholds outside 0-100 or
    /// not in order (must-have ≥ important ≥ nice-to-have) or counts below 0 or with the minimum above the maximum.
    /// An occupation O*NET has not rated gives an empty list.
    /// </summary>
    public static Outcome<IReadOnlyList<ProposedSkill>> For(OnetDatabase database, string occupationCode, SkillProposalOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        options ??= SkillProposalOptions.Default;
        if (Validate(options) is { } invalid)
        {
            return invalid;
        }

        var occupation = database.Occupation(occupationCode);
        if (!occupation.IsSuccess)
        {
            return occupation.Error;
        }

        var rated = occupation.Value.Ratings
            .Where(r => r.Importance is not null)
            .Select(r => (Rating: r, Element: database.FindElement(r.ElementId)!))
            .Where(r => options.IncludeKnowledge || r.Element.Domain == OnetDomain.Skill)
            .OrderByDescending(r => r.Rating.Importance)
            .ThenByDescending(r => r.Rating.Level ?? -1m)
            .ThenBy(r => r.Element.Id, StringComparer.Ordinal)
            .ToList();
        var result = new List<ProposedSkill>(rated.Count);
        foreach (var (rating, element) in rated)
        {
            var score = rating.ImportanceScore!.Value;
            SkillCategory? category = score >= options.MustHaveFrom ? SkillCategory.MustHave
                : score >= options.ImportantFrom ? SkillCategory.Important
                : score >= options.NiceToHaveFrom || result.Count < options.MinimumProposed ? SkillCategory.NiceToHave
                : null;
            if (result.Count >= options.MaximumProposed)
            {
                category = null;
            }

            result.Add(new ProposedSkill(element, rating.Importance!.Value, rating.Level, score, rating.LevelScore, category));
        }

        return result.AsReadOnly();
    }

    private static CredentialError? Validate(SkillProposalOptions options)
    {
        decimal[] thresholds = [options.MustHaveFrom, options.ImportantFrom, options.NiceToHaveFrom];
        if (thresholds.Any(t => t is < 0m or > 100m))
        {
            return new(TaxonomyErrors.InvalidThresholds, "skill proposal thresholds are standardized scores from 0 to 100");
        }

        if (options.MustHaveFrom < options.ImportantFrom || options.ImportantFrom < options.NiceToHaveFrom)
        {
            return new(TaxonomyErrors.InvalidThresholds, "skill proposal thresholds must be in order: must-have ≥ important ≥ nice-to-have");
        }

        if (options.MinimumProposed < 0 || options.MaximumProposed < 0 || options.MinimumProposed > options.MaximumProposed)
        {
            return new(TaxonomyErrors.InvalidThresholds, "the minimum and maximum number of proposed skills must be 0 or more, the minimum not above the maximum");
        }

        return null;
    }
}
