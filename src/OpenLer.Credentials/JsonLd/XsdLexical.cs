using System.Globalization;
using System.Numerics;

namespace OpenLer.Credentials.JsonLd;

/// <summary>Canonical lexical forms of JSON numbers as RDF literals (JSON-LD API §8.6 Data Round Tripping).</summary>
internal static class XsdLexical
{
    public const string Integer = "http://www.w3.org/2001/XMLSchema#integer";
    public const string Double = "http://www.w3.org/2001/XMLSchema#double";
    public const string Boolean = "http://www.w3.org/2001/XMLSchema#boolean";
    public const string String = "http://www.w3.org/2001/XMLSchema#string";

    /// <summary>True when the number is written as xsd:integer: no fractional part and below 10^21 in magnitude.</summary>
    public static bool IsInteger(double value) => Math.Abs(value) < 1e21 && Math.Floor(value) == value;

    /// <summary>Decimal digits without leading zeros (what ECMAScript <c>toFixed(0)</c> gives for such numbers).</summary>
    public static string FormatInteger(double value)
    {
        if (value == 0)
        {
            return "0";
        }

        return Math.Abs(value) < 9e18
            ? ((long)value).ToString(CultureInfo.InvariantCulture)
            : new BigInteger(value).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A mantissa with one non-zero digit before the point, at least one after, no trailing zeros, then <c>E</c> and
    /// the exponent: the §8.6 sample <c>toExponential(15)</c> with <c>/(\d)0*e\+?/</c> replaced by <c>$1E</c>.
    /// </summary>
    public static string FormatDouble(double value)
    {
        var text = value.ToString("E15", CultureInfo.InvariantCulture);
        var e = text.IndexOf('E', StringComparison.Ordinal);
        var mantissa = text.AsSpan(0, e);
        var end = mantissa.Length;
        while (end > 0 && mantissa[end - 1] == '0')
        {
            end--;
        }

        if (mantissa[end - 1] == '.')
        {
            end++;
        }

        var exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return string.Concat(mantissa[..end], "E", exponent.ToString(CultureInfo.InvariantCulture));
    }
}
