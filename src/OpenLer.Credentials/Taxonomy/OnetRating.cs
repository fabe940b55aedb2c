namespace OpenLer.Credentials.Taxonomy;

/// <summary>
/// How important an element is to an occupation (<see cref="Importance"/>, IM 1-5) and the level it needs
/// (<see cref="Level"/>, LV 0-7), from <c>Skills.txt</c> or <c>Knowledge.txt</c>. A value O*NET recommends suppressing
/// (Recommend Suppress = Y) or marks not relevant (Not Relevant = Y) is left out: null.
/// </summary>
public sealed record OnetRating(string ElementId, decimal? Importance, decimal? Level)
{
    /// <summary>The standardized importance score, 0-100 (see <see cref="OnetScale.Standardize"/>), or null.</summary>
    public decimal? ImportanceScore => Importance is { } value ? OnetScale.Standardize(value, OnetScale.ImportanceLow, OnetScale.ImportanceHigh) : null;

    /// <summary>The standardized level score, 0-100, or null.</summary>
    public decimal? LevelScore => Level is { } value ? OnetScale.Standardize(value, OnetScale.LevelLow, OnetScale.LevelHigh) : null;
}
