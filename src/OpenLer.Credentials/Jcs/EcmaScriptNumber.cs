using System.Globalization;

namespace OpenLer.Credentials.Jcs;

/// <summary>
/// ECMAScript Number::toString (ECMA-262 §6.1.6.1.20), which RFC 8785 §3.2.2.3 makes the serialization of JSON numbers.
/// .NET's round-trip format gives the same shortest digit string; only the layout differs.
/// </summary>
public static class EcmaScriptNumber
{
    public static string Format(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), "NaN and Infinity have no JSON form.");
        }

        if (value == 0)
        {
            return "0"; // also -0 (ECMA-262: toString(-0) is "0")
        }

        Span<char> buffer = stackalloc char[40];
        var ok = value.TryFormat(buffer, out var written, "R", CultureInfo.InvariantCulture);
        System.Diagnostics.Debug.Assert(ok);
        ReadOnlySpan<char> r = buffer[..written];

        var negative = r[0] == '-';
        if (negative)
        {
            r = r[1..];
        }

        // Split "d.dddE+xx" or "ddd.ddd" into digits and the decimal exponent n (value = 0.digits × 10^n).
        var exponent = 0;
        var e = r.IndexOfAny('E', 'e');
        if (e >= 0)
        {
            exponent = int.Parse(r[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            r = r[..e];
        }

        Span<char> digits = stackalloc char[32];
        var k = 0;
        var pointAt = -1;
        foreach (var c in r)
        {
            if (c == '.')
            {
                pointAt = k;
            }
            else
            {
                digits[k++] = c;
            }
        }

        var n = (pointAt < 0 ? k : pointAt) + exponent;

        // Strip leading zeros ("0.001" → "1", n − 2) and trailing zeros ("100" → "1").
        var start = 0;
        while (start < k - 1 && digits[start] == '0')
        {
            start++;
            n--;
        }

        var end = k;
        while (end > start + 1 && digits[end - 1] == '0')
        {
            end--;
        }

        ReadOnlySpan<char> s = digits[start..end];
        k = s.Length;

        var sb = new System.Text.StringBuilder(32);
        if (negative)
        {
            sb.Append('-');
        }

        if (k <= n && n <= 21)
        {
            sb.Append(s).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            sb.Append(s[..n]).Append('.').Append(s[n..]);
        }
        else if (-6 < n && n <= 0)
        {
            sb.Append("0.").Append('0', -n).Append(s);
        }
        else
        {
            var exp = n - 1;
            sb.Append(s[0]);
            if (k > 1)
            {
                sb.Append('.').Append(s[1..]);
            }

            sb.Append('e').Append(exp < 0 ? '-' : '+').Append(Math.Abs(exp).ToString(CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }
}
