using System.Buffers;

namespace OpenLer.Credentials.Rdf;

/// <summary>
/// Writes RDF terms in canonical N-Quads form (RDFC-1.0 Appendix A, after RDF 1.2 canonical N-Triples) as UTF-8:
/// IRIs as-is between angle brackets; literals with BS, HT, LF, FF, CR, <c>"</c> and <c>\</c> as ECHAR, the other
/// characters of U+0000–U+001F and U+007F as UCHAR with uppercase HEX, everything else unencoded;
/// xsd:string literals without a datatype, language-tagged strings with <c>@tag</c>.
/// </summary>
internal static class NQuadsWriter
{
    private static readonly SearchValues<char> NeedsEscape = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F" +
        "\"\\\u007F");

    private static ReadOnlySpan<byte> UpperHex => "0123456789ABCDEF"u8;

    /// <summary>Appends a non-blank term (IRI or literal); false if a string holds an unpaired surrogate.</summary>
    public static bool TryWriteTerm(ByteBuffer output, in RdfTerm term)
    {
        switch (term.Kind)
        {
            case RdfTermKind.Iri:
                return TryWriteIri(output, term.Value);
            case RdfTermKind.Literal:
                return TryWriteLiteral(output, term);
            case RdfTermKind.BlankNode:
                output.Append("_:"u8);
                return output.AppendUtf8(term.Value);
            default:
                return true;
        }
    }

    public static bool TryWriteIri(ByteBuffer output, string iri)
    {
        output.Append((byte)'<');
        if (!output.AppendUtf8(iri))
        {
            return false;
        }

        output.Append((byte)'>');
        return true;
    }

    private static bool TryWriteLiteral(ByteBuffer output, in RdfTerm literal)
    {
        output.Append((byte)'"');
        ReadOnlySpan<char> rest = literal.Value;
        while (true)
        {
            var next = rest.IndexOfAny(NeedsEscape);
            if (next < 0)
            {
                if (!output.AppendUtf8(rest))
                {
                    return false;
                }

                break;
            }

            if (!output.AppendUtf8(rest[..next]))
            {
                return false;
            }

            WriteEscaped(output, rest[next]);
            rest = rest[(next + 1)..];
        }

        output.Append((byte)'"');
        if (literal.Language is { } language)
        {
            output.Append((byte)'@');
            return output.AppendUtf8(language);
        }

        if (literal.Datatype is { } datatype && !string.Equals(datatype, RdfTerm.XsdString, StringComparison.Ordinal))
        {
            output.Append("^^"u8);
            return TryWriteIri(output, datatype);
        }

        return true;
    }

    private static void WriteEscaped(ByteBuffer output, char c)
    {
        switch (c)
        {
            case '\b': output.Append("\\b"u8); break;
            case '\t': output.Append("\\t"u8); break;
            case '\n': output.Append("\\n"u8); break;
            case '\f': output.Append("\\f"u8); break;
            case '\r': output.Append("\\r"u8); break;
            case '"': output.Append("\\\""u8); break;
            case '\\': output.Append("\\\\"u8); break;
            default:
                output.Append("\\u00"u8);
                output.Append(UpperHex[c >> 4]);
                output.Append(UpperHex[c & 0xF]);
                break;
        }
    }
}
