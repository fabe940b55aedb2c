namespace OpenLer.Credentials.Taxonomy;

/// <summary>
/// The two O*NET rating scales of skills and knowledge (<c>Scales Reference.txt</c>): importance <c>IM</c> from 1 to 5 and
/// level <c>LV</c> from 0 to 7, and the standardized score O*NET OnLine shows.
/// </summary>
public static class OnetScale
{
    /// <summary>The lowest importance (IM): "not important".</summary>
    public const decimal ImportanceLow = 1m;

    /// <summary>The highest importance (IM): "extremely important".</summary>
    public const decimal ImportanceHigh = 5m;

    /// <summary>The lowest level (LV).</summary>
    public const decimal LevelLow = 0m;

    /// <summary>The highest level (LV).</summary>
    public const decimal LevelHigh = 7m;

    /// <summary>
    /// The O*NET standardized score S = (O - L) / (H - L) * 100 of a rating O on a scale from L to H, 0 to 100 (O*NET
    /// Resource Center, "Data Collection: standardized scores"), computed in decimal and rounded to two decimals, halves
    /// away from zero: importance 4.12 → 78.00, level 4.62 → 66.00.
    /// </summary>
    public static decimal Standardize(decimal value, decimal low, decimal high)
    {
        if (high <= low)
        {
            throw new ArgumentOutOfRangeException(nameof(high), "the scale's high end must be above its low end");
        }

        return Math.Round((value - low) / (high - low) * 100m, 2, MidpointRounding.AwayFromZero);
    }
}
