using OpenLer.Credentials.Common;
using OpenLer.Credentials.Jose;

namespace OpenLer.Credentials.SdJwt;

/// <summary>
/// The parts of an SD-JWT or SD-JWT+KB in compact form (RFC 9901 §4): <c>&lt;JWT&gt;~&lt;D1&gt;~...~&lt;Dn&gt;~[&lt;KB-JWT&gt;]</c>.
/// Nothing in it is verified yet.
/// </summary>
public sealed record SdJwtCompact(string IssuerJwt, IReadOnlyList<string> Disclosures, string? KeyBindingJwt)
{
    /// <summary>At most this many disclosures are read.</summary>
    public const int MaxDisclosures = 1024;

    /// <summary>True when the text has the SD-JWT shape (a JWS followed by '~').</summary>
    public static bool LooksLikeSdJwt(ReadOnlySpan<char> text)
    {
        var tilde = text.IndexOf('~');
        return tilde > 0 && text[..tilde].Count('.') == 2 && !text.ContainsAny(" \t\r\n{");
    }

    /// <summary>The SD-JWT without the KB-JWT: <c>&lt;JWT&gt;~&lt;D1&gt;~...~&lt;Dn&gt;~</c>, the input of sd_hash (§4.3.1).</summary>
    public string WithoutKeyBinding => IssuerJwt + "~" + string.Concat(Disclosures.Select(d => d + "~"));

    /// <summary>The compact form (with the KB-JWT if any). Contains personal data: never log it.</summary>
    public string Compact => WithoutKeyBinding + (KeyBindingJwt ?? string.Empty);

    /// <summary>A redacted description: logging the object never leaks the token.</summary>
    public override string ToString() => $"SD-JWT with {Disclosures.Count} disclosure(s){(KeyBindingJwt is null ? "" : " and a KB-JWT")}";

    public static Outcome<SdJwtCompact> Parse(string text, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > maxLength)
        {
            return Outcome.Error(ErrorCodes.DocumentTooLarge, $"The SD-JWT is larger than {maxLength} bytes.");
        }

        var parts = text.Split('~');
        if (parts.Length < 2)
        {
            return Outcome.Error(ErrorCodes.MalformedSdJwt, "An SD-JWT is a JWT followed by '~'.");
        }

        if (parts.Length - 2 > MaxDisclosures)
        {
            return Outcome.Error(ErrorCodes.MalformedSdJwt, $"More than {MaxDisclosures} disclosures.");
        }

        var disclosures = parts[1..^1];
        if (parts[0].Length == 0 || Array.Exists(disclosures, d => d.Length == 0))
        {
            return Outcome.Error(ErrorCodes.MalformedSdJwt, "The SD-JWT has an empty part.");
        }

        var last = parts[^1];
        if (last.Length > 0 && !CompactJws.LooksLikeCompactJws(last))
        {
            return Outcome.Error(ErrorCodes.MalformedSdJwt, "An SD-JWT ends with '~' or with a Key Binding JWT.");
        }

        return new SdJwtCompact(parts[0], disclosures, last.Length > 0 ? last : null);
    }
}
