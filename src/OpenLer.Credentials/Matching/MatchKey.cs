namespace OpenLer.Credentials.Matching;

/// <summary>
/// One 64-bit sort key per candidate, larger is better: [passes the gates: 1 bit][score in tenths: 11 bits][verified
/// skills: 8 bits][position, inverted: 44 bits]. The position is the candidate's place in the index, which the index
/// orders by the remaining tie-breaks (application time, then id), so sorting the keys applies issue 12's whole order.
/// </summary>
internal static class MatchKey
{
    private const int PositionBits = 44;
    private const ulong PositionMask = (1UL << PositionBits) - 1;

    public static ulong Create(bool passes, int tenths, int verified, int position) =>
        (passes ? 1UL << 63 : 0UL) | ((ulong)tenths << 52) | ((ulong)verified << PositionBits) | (PositionMask - (ulong)position);

    public static int Position(ulong key) => (int)(PositionMask - (key & PositionMask));

    public static bool Passes(ulong key) => (key >> 63) != 0;

    public static int Tenths(ulong key) => (int)((key >> 52) & 0x7FF);

    public static int Verified(ulong key) => (int)((key >> PositionBits) & 0xFF);

    /// <summary>Sorts keys best first.</summary>
    public static void SortDescending(ulong[] keys)
    {
        // Sorting the complements ascending sorts the keys descending without a comparer.
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = ~keys[i];
        }

        Array.Sort(keys);
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = ~keys[i];
        }
    }
}
