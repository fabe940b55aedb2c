namespace OpenLer.Credentials.Dids;

/// <summary>Splits a DID URL (DID Core §3.2) into the DID and the rest (path, query, fragment).</summary>
public static class DidUrl
{
    /// <summary>Maximum length accepted for a DID or DID URL; longer values are refused before any work (CP-05).</summary>
    public const int MaxLength = 8 * 1024;

    /// <summary>The DID part of a DID URL, or null when the value is not a DID URL.</summary>
    public static string? DidOf(string? didUrl)
    {
        if (didUrl is null || didUrl.Length > MaxLength || !didUrl.StartsWith("did:", StringComparison.Ordinal))
        {
            return null;
        }

        var end = didUrl.AsSpan().IndexOfAny('#', '?', '/');
        var did = end < 0 ? didUrl : didUrl[..end];
        return IsDid(did) ? did : null;
    }

    /// <summary>did = "did:" method-name ":" method-specific-id (DID Core §3.1), method names lowercase letters and digits.</summary>
    public static bool IsDid(string value)
    {
        if (!value.StartsWith("did:", StringComparison.Ordinal))
        {
            return false;
        }

        var colon = value.IndexOf(':', 4);
        if (colon <= 4 || colon == value.Length - 1)
        {
            return false;
        }

        foreach (var c in value.AsSpan(4, colon - 4))
        {
            if (c is not (>= 'a' and <= 'z' or >= '0' and <= '9'))
            {
                return false;
            }
        }

        foreach (var c in value.AsSpan(colon + 1))
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or ':' or '%'))
            {
                return false;
            }
        }

        return true;
    }

    public static string MethodOf(string did) => did[4..did.IndexOf(':', 4)];
}
