using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Encodings;

/// <summary>Base58 with the Bitcoin alphabet (draft-msporny-base58, as multibase 'z' uses it).</summary>
public static class Base58Btc
{
    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    /// <summary>Inputs above this length are refused before decoding (decoding is quadratic).</summary>
    public const int MaxEncodedLength = 16 * 1024;

    private static readonly sbyte[] DecodeMap = BuildDecodeMap();

    private static sbyte[] BuildDecodeMap()
    {
        var map = new sbyte[128];
        Array.Fill(map, (sbyte)-1);
        for (var i = 0; i < Alphabet.Length; i++)
        {
            map[Alphabet[i]] = (sbyte)i;
        }

        return map;
    }

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var zeros = 0;
        while (zeros < data.Length && data[zeros] == 0)
        {
            zeros++;
        }

        // log(256) / log(58) ≈ 1.366
        var size = ((data.Length - zeros) * 138 / 100) + 1;
        Span<byte> digits = size <= 512 ? stackalloc byte[size] : new byte[size];
        var length = 0;
        for (var i = zeros; i < data.Length; i++)
        {
            int carry = data[i];
            var j = 0;
            for (var k = size - 1; (carry != 0 || j < length) && k >= 0; k--, j++)
            {
                carry += 256 * digits[k];
                digits[k] = (byte)(carry % 58);
                carry /= 58;
            }

            length = j;
        }

        var start = size - length;
        while (start < size && digits[start] == 0)
        {
            start++;
        }

        return Build(zeros, digits[start..]);
    }

    private static string Build(int zeros, ReadOnlySpan<byte> digits)
    {
        Span<char> chars = zeros + digits.Length <= 1024 ? stackalloc char[zeros + digits.Length] : new char[zeros + digits.Length];
        chars[..zeros].Fill('1');
        for (var i = 0; i < digits.Length; i++)
        {
            chars[zeros + i] = Alphabet[digits[i]];
        }

        return new string(chars);
    }

    public static Outcome<byte[]> Decode(ReadOnlySpan<char> text)
    {
        if (text.Length > MaxEncodedLength)
        {
            return Outcome.Error(ErrorCodes.InvalidMultibase, "Base58 value is too long.");
        }

        var zeros = 0;
        while (zeros < text.Length && text[zeros] == '1')
        {
            zeros++;
        }

        // log(58) / log(256) ≈ 0.733
        var size = ((text.Length - zeros) * 733 / 1000) + 1;
        Span<byte> bytes = size <= 1024 ? stackalloc byte[size] : new byte[size];
        var length = 0;
        for (var i = zeros; i < text.Length; i++)
        {
            var c = text[i];
            var value = c < 128 ? DecodeMap[c] : -1;
            if (value < 0)
            {
                return Outcome.Error(ErrorCodes.InvalidMultibase, "Invalid base58btc character.");
            }

            var carry = value;
            var j = 0;
            for (var k = size - 1; (carry != 0 || j < length) && k >= 0; k--, j++)
            {
                carry += 58 * bytes[k];
                bytes[k] = (byte)(carry & 0xff);
                carry >>= 8;
            }

            length = j;
        }

        var start = size - length;
        while (start < size && bytes[start] == 0)
        {
            start++;
        }

        var result = new byte[zeros + (size - start)];
        bytes[start..].CopyTo(result.AsSpan(zeros));
        return result;
    }
}
