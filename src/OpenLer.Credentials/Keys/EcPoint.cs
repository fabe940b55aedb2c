using System.Numerics;

namespace OpenLer.Credentials.Keys;

/// <summary>SEC 1 §2.3.3–2.3.4 point compression for the NIST curves (a = −3, p ≡ 3 mod 4).</summary>
internal static class EcPoint
{
    private static readonly BigInteger P256P = BigInteger.Parse("0ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
    private static readonly BigInteger P256B = BigInteger.Parse("05ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
    private static readonly BigInteger P384P = BigInteger.Parse("0fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
    private static readonly BigInteger P384B = BigInteger.Parse("0b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

    private static (BigInteger P, BigInteger B) Params(KeyType type) =>
        type == KeyType.P256 ? (P256P, P256B) : (P384P, P384B);

    public static byte[] Compress(KeyType type, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y)
    {
        var size = type.CoordinateLength();
        var result = new byte[size + 1];
        result[0] = (byte)((y[^1] & 1) == 0 ? 0x02 : 0x03);
        x.CopyTo(result.AsSpan(1));
        return result;
    }

    /// <summary>Recovers y from a compressed point; null when the point is not on the curve.</summary>
    public static (byte[] X, byte[] Y)? Decompress(KeyType type, ReadOnlySpan<byte> compressed)
    {
        var size = type.CoordinateLength();
        if (compressed.Length != size + 1 || (compressed[0] != 0x02 && compressed[0] != 0x03))
        {
            return null;
        }

        var (p, b) = Params(type);
        var x = new BigInteger(compressed[1..], isUnsigned: true, isBigEndian: true);
        if (x >= p)
        {
            return null;
        }

        var rhs = Mod((BigInteger.ModPow(x, 3, p) - (3 * x) + b), p);
        var y = BigInteger.ModPow(rhs, (p + 1) / 4, p);
        if (BigInteger.ModPow(y, 2, p) != rhs)
        {
            return null;
        }

        var wantOdd = compressed[0] == 0x03;
        if (!y.IsEven != wantOdd)
        {
            y = p - y;
        }

        return (compressed[1..].ToArray(), ToFixed(y, size));
    }

    public static bool IsOnCurve(KeyType type, ReadOnlySpan<byte> xBytes, ReadOnlySpan<byte> yBytes)
    {
        var (p, b) = Params(type);
        var x = new BigInteger(xBytes, isUnsigned: true, isBigEndian: true);
        var y = new BigInteger(yBytes, isUnsigned: true, isBigEndian: true);
        if (x >= p || y >= p)
        {
            return false;
        }

        var rhs = Mod(BigInteger.ModPow(x, 3, p) - (3 * x) + b, p);
        return BigInteger.ModPow(y, 2, p) == rhs;
    }

    private static BigInteger Mod(BigInteger value, BigInteger p)
    {
        var r = value % p;
        return r.Sign < 0 ? r + p : r;
    }

    private static byte[] ToFixed(BigInteger value, int size)
    {
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        if (bytes.Length == size)
        {
            return bytes;
        }

        var result = new byte[size];
        bytes.CopyTo(result.AsSpan(size - bytes.Length));
        return result;
    }
}
