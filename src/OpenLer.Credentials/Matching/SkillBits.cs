using System.Numerics;

namespace OpenLer.Credentials.Matching;

/// <summary>A set of dense skill numbers (0..127) as one 128-bit value.</summary>
internal static class SkillBits
{
    public static UInt128 Bit(int index) => UInt128.One << index;

    public static bool Has(UInt128 set, int index) => (set & Bit(index)) != UInt128.Zero;

    public static int Count(UInt128 set) => (int)UInt128.PopCount(set);

    public static IEnumerable<int> Members(UInt128 set)
    {
        var lo = (ulong)set;
        var hi = (ulong)(set >> 64);
        while (lo != 0)
        {
            yield return BitOperations.TrailingZeroCount(lo);
            lo &= lo - 1;
        }

        while (hi != 0)
        {
            yield return 64 + BitOperations.TrailingZeroCount(hi);
            hi &= hi - 1;
        }
    }
}
