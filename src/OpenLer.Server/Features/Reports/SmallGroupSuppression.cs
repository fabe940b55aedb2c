namespace OpenLer.Server.Features.Reports;

/// <summary>
/// Small-group suppression over every table the report publishes at once (docs/adr/pilot-reporting.md). Cells are a row
/// (the total or a group) and a step. Primary: a count of 1 to 4 is "fewer than 5". Complementary: for every published
/// sum (a parent row equals the sum of its children, at each step) a suppressed cell never stands alone, and an audit
/// works out, from everything published (the sums, the funnel order of each row, "fewer than 5" meaning 1 to 4 and
/// "hidden" meaning 5 or more), the narrowest range each suppressed count can have; while one is pinned to a single
/// value another cell is hidden.
/// </summary>
public static class SmallGroupSuppression
{
    public const int Threshold = 5;

    /// <summary>The upper bound of a hidden count: unknown to a reader (large, and far from overflowing a sum).</summary>
    private const long Unknown = 1L << 40;

    /// <summary>The states of every cell; <paramref name="sums"/> lists (parent, children) whose counts add up at each step.</summary>
    public static Dictionary<string, CellState[]> Apply(IReadOnlyDictionary<string, long[]> rows, IReadOnlyList<(string Parent, string[] Children)> sums)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(sums);
        var states = rows.ToDictionary(r => r.Key, r => r.Value.Select(v => v is > 0 and < Threshold ? CellState.FewerThanFive : CellState.Shown).ToArray(), StringComparer.Ordinal);
        var steps = rows.Values.FirstOrDefault()?.Length ?? 0;
        var stuck = new HashSet<(string, int)>();
        for (var guard = 0; guard < 100_000; guard++)
        {
            var lone = LoneSuppressed(rows, states, sums, steps);
            var cell = lone is { } l ? (l.Row, l.Step) : Pinned(rows, states, sums, steps, stuck);
            if (cell is null)
            {
                return states;
            }

            var within = lone is { } m ? new[] { sums[m.Sum] } : sums;
            if (!HideNeighbour(rows, states, within, cell.Value.Row, cell.Value.Step))
            {
                // Nothing shown is left around it (every neighbour is suppressed or 0): nothing more can be hidden for it.
                stuck.Add(cell.Value);
            }
        }

        throw new InvalidOperationException("Suppression did not settle.");
    }

    /// <summary>A suppressed cell that is the only suppressed one of a published sum (it would equal parent minus the rest).</summary>
    private static (int Sum, string Row, int Step)? LoneSuppressed(IReadOnlyDictionary<string, long[]> rows, Dictionary<string, CellState[]> states,
        IReadOnlyList<(string Parent, string[] Children)> sums, int steps)
    {
        for (var i = 0; i < sums.Count; i++)
        {
            var (parent, children) = sums[i];
            for (var k = 0; k < steps; k++)
            {
                var suppressed = children.Prepend(parent).Where(r => states[r][k] != CellState.Shown).Take(2).ToList();
                if (suppressed.Count == 1)
                {
                    return (i, suppressed[0], k);
                }

                // The suppressed children together (the shown parent minus the shown children) must not be a small group either.
                if (states[parent][k] == CellState.Shown && suppressed.Count > 0)
                {
                    var rest = rows[parent][k] - children.Where(c => states[c][k] == CellState.Shown).Sum(c => rows[c][k]);
                    if (rest is > 0 and < Threshold)
                    {
                        return (i, suppressed[0], k);
                    }
                }
            }
        }

        return null;
    }

    /// <summary>A suppressed cell whose range, worked out from everything published, is a single value.</summary>
    private static (string Row, int Step)? Pinned(IReadOnlyDictionary<string, long[]> rows, Dictionary<string, CellState[]> states,
        IReadOnlyList<(string Parent, string[] Children)> sums, int steps, HashSet<(string, int)> stuck)
    {
        var lo = new Dictionary<string, long[]>(StringComparer.Ordinal);
        var hi = new Dictionary<string, long[]>(StringComparer.Ordinal);
        foreach (var (key, values) in rows)
        {
            lo[key] = new long[steps];
            hi[key] = new long[steps];
            for (var k = 0; k < steps; k++)
            {
                (lo[key][k], hi[key][k]) = states[key][k] switch
                {
                    CellState.Shown => (values[k], values[k]),
                    CellState.FewerThanFive => (1L, Threshold - 1L),
                    _ => ((long)Threshold, Unknown),
                };
            }
        }

        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var (parent, children) in sums)
            {
                for (var k = 0; k < steps; k++)
                {
                    long sumLo = 0, sumHi = 0;
                    foreach (var c in children)
                    {
                        sumLo += lo[c][k];
                        sumHi += hi[c][k];
                    }

                    changed |= Narrow(lo[parent], hi[parent], k, sumLo, sumHi);
                    foreach (var c in children)
                    {
                        changed |= Narrow(lo[c], hi[c], k, lo[parent][k] - (sumHi - hi[c][k]), hi[parent][k] - (sumLo - lo[c][k]));
                    }
                }
            }

            // The funnel order: a step never counts more people than the step before it.
            foreach (var key in rows.Keys)
            {
                for (var k = 1; k < steps; k++)
                {
                    changed |= Narrow(lo[key], hi[key], k, long.MinValue, hi[key][k - 1]);
                    changed |= Narrow(lo[key], hi[key], k - 1, lo[key][k], long.MaxValue);
                }
            }
        }

        foreach (var (key, state) in states)
        {
            for (var k = 0; k < steps; k++)
            {
                if (state[k] != CellState.Shown && lo[key][k] >= hi[key][k] && !stuck.Contains((key, k)))
                {
                    return (key, k);
                }
            }
        }

        return null;
    }

    private static bool Narrow(long[] lo, long[] hi, int k, long newLo, long newHi)
    {
        var changed = false;
        if (newLo > lo[k])
        {
            lo[k] = newLo;
            changed = true;
        }

        if (newHi < hi[k])
        {
            hi[k] = newHi;
            changed = true;
        }

        return changed;
    }

    /// <summary>
    /// Hides one more cell of a sum the given cell belongs to: the smallest shown count of 5 or more among its siblings,
    /// else the sum itself; else a shown child when the cell is the sum. False when there is none.
    /// </summary>
    private static bool HideNeighbour(IReadOnlyDictionary<string, long[]> rows, Dictionary<string, CellState[]> states,
        IReadOnlyList<(string Parent, string[] Children)> sums, string row, int k)
    {
        var candidates = new List<string>();
        foreach (var (parent, children) in sums)
        {
            if (children.Contains(row, StringComparer.Ordinal))
            {
                candidates.AddRange(children.Where(c => c != row && states[c][k] == CellState.Shown && rows[c][k] >= Threshold).OrderBy(c => rows[c][k]).ThenBy(c => c, StringComparer.Ordinal));
            }
        }

        foreach (var (parent, children) in sums)
        {
            if (children.Contains(row, StringComparer.Ordinal) && states[parent][k] == CellState.Shown && rows[parent][k] >= Threshold)
            {
                candidates.Add(parent);
            }
            else if (parent == row)
            {
                candidates.AddRange(children.Where(c => states[c][k] == CellState.Shown && rows[c][k] >= Threshold).OrderBy(c => rows[c][k]).ThenBy(c => c, StringComparer.Ordinal));
            }
        }

        if (candidates.Count == 0)
        {
            return false;
        }

        states[candidates[0]][k] = CellState.Hidden;
        return true;
    }
}
