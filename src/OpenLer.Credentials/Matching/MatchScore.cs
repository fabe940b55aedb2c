namespace OpenLer.Credentials.Matching;

/// <summary>
/// The score of issue 12: score = round(100 × Σ(w × e) / Σ w, 1), with w the skill's weight (must-have 3, important 2,
/// nice-to-have 1) and e its evidence (verified 1, self-reported 0.5, missing 0). Rounding is to one decimal, halves away
/// from zero, on exact arithmetic: 6.25 → 6.3, 66.65 → 66.7 (never binary floating point, never banker's rounding).
/// The engine computes it in integers: with P = Σ(w × 2e) (an integer), the score in tenths is
/// floor((1000 P + Σw) / (2 Σw)), which equals <see cref="Reference"/> for every input.
/// </summary>
public static class MatchScore
{
    /// <summary>The score in tenths (0-1000) from twice the weighted evidence and the weight sum.</summary>
    internal static int Tenths(int doubledPoints, int weightSum) => (int)((1000L * doubledPoints + weightSum) / (2L * weightSum));

    /// <summary>Twice Σ(w × e) of an applicant's evidence for a vacancy, with four popcounts per weight class.</summary>
    internal static int DoubledPoints(Vacancy vacancy, UInt128 verified, UInt128 selfReported) =>
        (2 * SkillBits.Count(verified & vacancy.Weight1)) + SkillBits.Count(selfReported & vacancy.Weight1)
        + (2 * ((2 * SkillBits.Count(verified & vacancy.Weight2)) + SkillBits.Count(selfReported & vacancy.Weight2)))
        + (3 * ((2 * SkillBits.Count(verified & vacancy.Weight3)) + SkillBits.Count(selfReported & vacancy.Weight3)));

    /// <summary>
    /// The rule as written, in decimal arithmetic: round(100 × Σ(w × e) / Σ w, 1, away from zero), from pairs of weight
    /// and evidence. The engine's integer computation is tested against it.
    /// </summary>
    public static decimal Reference(IEnumerable<(int Weight, EvidenceKind Evidence)> skills)
    {
        ArgumentNullException.ThrowIfNull(skills);
        decimal points = 0m, weights = 0m;
        foreach (var (weight, evidence) in skills)
        {
            weights += weight;
            points += weight * evidence switch
            {
                EvidenceKind.Verified => 1m,
                EvidenceKind.SelfReported => 0.5m,
                _ => 0m,
            };
        }

        if (weights == 0m)
        {
            throw new ArgumentException("at least one skill with a positive weight is needed", nameof(skills));
        }

        return Math.Round(100m * points / weights, 1, MidpointRounding.AwayFromZero);
    }
}
