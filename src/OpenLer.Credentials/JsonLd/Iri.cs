namespace OpenLer.Credentials.JsonLd;

/// <summary>
/// IRI helpers for JSON-LD: the "form of an IRI" test (RFC 3987 §2.2: a scheme, a colon, and no character the IRI
/// grammar excludes), blank node identifiers, and reference resolution by the basic algorithm of RFC 3986 §5.2
/// (no normalization, as JSON-LD API §5.2.2 step 8 requires).
/// </summary>
internal static class Iri
{
    /// <summary>True for an absolute IRI: <c>scheme ":" rest</c> where rest has no space, control or excluded character.</summary>
    public static bool IsAbsolute(string value)
    {
        var colon = SchemeEnd(value);
        if (colon < 0)
        {
            return false;
        }

        for (var i = colon + 1; i < value.Length; i++)
        {
            if (IsExcluded(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A blank node identifier (<c>_:label</c>).</summary>
    public static bool IsBlankNode(string value) => value.Length >= 2 && value[0] == '_' && value[1] == ':';

    /// <summary>
    /// Well-formed per JSON-LD API §8.1: an IRI matching RFC 3987 (also: at most one "#", as ifragment excludes it),
    /// or a blank node label per Turtle's BLANK_NODE_LABEL (a non-empty label without spaces or excluded characters).
    /// </summary>
    public static bool IsWellFormedNode(string value)
    {
        if (IsBlankNode(value))
        {
            if (value.Length == 2)
            {
                return false;
            }

            for (var i = 2; i < value.Length; i++)
            {
                if (IsExcluded(value[i]) || value[i] == ':')
                {
                    return false;
                }
            }

            return true;
        }

        return IsAbsolute(value) && value.IndexOf('#', value.IndexOf('#', StringComparison.Ordinal) + 1) < 0;
    }

    /// <summary>
    /// Index of the colon ending a syntactically valid scheme (<c>ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )</c>), or -1.
    /// </summary>
    public static int SchemeEnd(string value)
    {
        if (value.Length < 2 || !char.IsAsciiLetter(value[0]))
        {
            return -1;
        }

        for (var i = 1; i < value.Length; i++)
        {
            var c = value[i];
            if (c == ':')
            {
                return i;
            }

            if (!char.IsAsciiLetterOrDigit(c) && c != '+' && c != '-' && c != '.')
            {
                return -1;
            }
        }

        return -1;
    }

    /// <summary>RFC 3987 excludes controls, space and <c>&lt;&gt;"{}|\^`</c> from every IRI component.</summary>
    private static bool IsExcluded(char c) =>
        c <= ' ' || c == '<' || c == '>' || c == '"' || c == '{' || c == '}' || c == '|' || c == '\\' || c == '^' || c == '`'
        || (c >= '\u007F' && c <= '\u009F');

    /// <summary>
    /// Resolves <paramref name="reference"/> against <paramref name="baseIri"/> (RFC 3986 §5.2.2). A null base leaves
    /// the reference as it is (JSON-LD API §5.2.2 step 8 with no base IRI).
    /// </summary>
    public static string Resolve(string? baseIri, string reference)
    {
        if (baseIri is null)
        {
            return reference;
        }

        var r = Parse(reference);
        if (r.Scheme is not null)
        {
            return Compose(r.Scheme, r.Authority, RemoveDotSegments(r.Path), r.Query, r.Fragment);
        }

        var b = Parse(baseIri);
        string? authority;
        string path;
        string? query;
        if (r.Authority is not null)
        {
            authority = r.Authority;
            path = RemoveDotSegments(r.Path);
            query = r.Query;
        }
        else
        {
            authority = b.Authority;
            if (r.Path.Length == 0)
            {
                path = b.Path;
                query = r.Query ?? b.Query;
            }
            else
            {
                path = r.Path[0] == '/' ? RemoveDotSegments(r.Path) : RemoveDotSegments(Merge(b, r.Path));
                query = r.Query;
            }
        }

        return Compose(b.Scheme, authority, path, query, r.Fragment);
    }

    private readonly record struct Parts(string? Scheme, string? Authority, string Path, string? Query, string? Fragment);

    /// <summary>RFC 3986 Appendix B: <c>^(([^:/?#]+):)?(//([^/?#]*))?([^?#]*)(\?([^#]*))?(#(.*))?</c>.</summary>
    private static Parts Parse(string value)
    {
        var i = 0;
        string? scheme = null;
        var schemeEnd = value.IndexOfAny([':', '/', '?', '#']);
        if (schemeEnd > 0 && value[schemeEnd] == ':')
        {
            scheme = value[..schemeEnd];
            i = schemeEnd + 1;
        }

        string? authority = null;
        if (string.CompareOrdinal(value, i, "//", 0, 2) == 0)
        {
            var end = value.IndexOfAny(['/', '?', '#'], i + 2);
            end = end < 0 ? value.Length : end;
            authority = value[(i + 2)..end];
            i = end;
        }

        var pathEnd = value.IndexOfAny(['?', '#'], i);
        pathEnd = pathEnd < 0 ? value.Length : pathEnd;
        var path = value[i..pathEnd];
        i = pathEnd;

        string? query = null;
        if (i < value.Length && value[i] == '?')
        {
            var end = value.IndexOf('#', i);
            end = end < 0 ? value.Length : end;
            query = value[(i + 1)..end];
            i = end;
        }

        string? fragment = null;
        if (i < value.Length && value[i] == '#')
        {
            fragment = value[(i + 1)..];
        }

        return new Parts(scheme, authority, path, query, fragment);
    }

    /// <summary>RFC 3986 §5.2.3.</summary>
    private static string Merge(Parts baseParts, string referencePath)
    {
        if (baseParts.Authority is not null && baseParts.Path.Length == 0)
        {
            return "/" + referencePath;
        }

        var slash = baseParts.Path.LastIndexOf('/');
        return slash < 0 ? referencePath : string.Concat(baseParts.Path.AsSpan(0, slash + 1), referencePath);
    }

    /// <summary>RFC 3986 §5.2.4.</summary>
    internal static string RemoveDotSegments(string path)
    {
        if (path.IndexOf('.', StringComparison.Ordinal) < 0)
        {
            return path;
        }

        var input = path;
        var output = new List<string>();
        while (input.Length > 0)
        {
            if (input.StartsWith("../", StringComparison.Ordinal))
            {
                input = input[3..];
            }
            else if (input.StartsWith("./", StringComparison.Ordinal))
            {
                input = input[2..];
            }
            else if (input.StartsWith("/./", StringComparison.Ordinal))
            {
                input = input[2..];
            }
            else if (input == "/.")
            {
                input = "/";
            }
            else if (input.StartsWith("/../", StringComparison.Ordinal))
            {
                input = input[3..];
                RemoveLast(output);
            }
            else if (input == "/..")
            {
                input = "/";
                RemoveLast(output);
            }
            else if (input is "." or "..")
            {
                input = string.Empty;
            }
            else
            {
                var start = input[0] == '/' ? 1 : 0;
                var next = input.IndexOf('/', start);
                next = next < 0 ? input.Length : next;
                output.Add(input[..next]);
                input = input[next..];
            }
        }

        return string.Concat(output);

        static void RemoveLast(List<string> segments)
        {
            if (segments.Count > 0)
            {
                segments.RemoveAt(segments.Count - 1);
            }
        }
    }

    private static string Compose(string? scheme, string? authority, string path, string? query, string? fragment)
    {
        var sb = new System.Text.StringBuilder();
        if (scheme is not null)
        {
            sb.Append(scheme).Append(':');
        }

        if (authority is not null)
        {
            sb.Append("//").Append(authority);
        }

        sb.Append(path);
        if (query is not null)
        {
            sb.Append('?').Append(query);
        }

        if (fragment is not null)
        {
            sb.Append('#').Append(fragment);
        }

        return sb.ToString();
    }
}
