namespace OpenLer.Credentials.JsonLd;

/// <summary>
/// Well-formedness of language tags for RDF literals (JSON-LD API §8.1, BCP 47 §2.2.9), checked as RDF 1.1 and
/// Turtle's LANGTAG does: <c>[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*</c>.
/// </summary>
internal static class LanguageTag
{
    public static bool IsWellFormed(string tag)
    {
        var start = 0;
        var first = true;
        while (true)
        {
            var end = tag.IndexOf('-', start);
            var length = (end < 0 ? tag.Length : end) - start;
            if (length is < 1 or > 8)
            {
                return false;
            }

            for (var i = start; i < start + length; i++)
            {
                var c = tag[i];
                if (!(first ? char.IsAsciiLetter(c) : char.IsAsciiLetterOrDigit(c)))
                {
                    return false;
                }
            }

            if (end < 0)
            {
                return true;
            }

            first = false;
            start = end + 1;
        }
    }
}
