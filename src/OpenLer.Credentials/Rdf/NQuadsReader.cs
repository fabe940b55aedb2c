using System.Globalization;
using System.Text;
using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Rdf;

/// <summary>
/// Recursive-descent reader for the RDF 1.1 N-Quads grammar (N-Quads §5.3 productions [1]–[17]):
/// <c>statement ::= subject predicate object graphLabel? '.'</c>, one statement per line, <c>#</c> comments,
/// IRIREF / STRING_LITERAL_QUOTE with UCHAR and ECHAR escapes, BLANK_NODE_LABEL, LANGTAG and <c>^^</c> datatypes.
/// </summary>
internal sealed class NQuadsReader
{
    // Characters that end an IRIREF or need a closer look: '>', '\\', and everything IRIREF excludes ([10]).
    private static readonly System.Buffers.SearchValues<char> IriSpecial = System.Buffers.SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F" +
        " <>\"{}|^`\\");

    // Characters that end a STRING_LITERAL_QUOTE or need a closer look ([9]).
    private static readonly System.Buffers.SearchValues<char> LiteralSpecial = System.Buffers.SearchValues.Create("\"\\\n\r");

    private readonly string _text;
    private readonly int _maxQuads;
    private StringBuilder? _scratch;
    private int _pos;
    private int _line = 1;
    private int _lineStart;
    private string? _error;

    public NQuadsReader(string text, int maxQuads)
    {
        _text = text;
        _maxQuads = maxQuads;
    }

    public Outcome<RdfDataset> Read()
    {
        var text = _text;
        var dataset = new RdfDataset(Math.Min(text.AsSpan().Count('\n') + 1, Math.Min(_maxQuads, 1024)));
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            _pos = 1; // a byte order mark is not part of the document
        }

        while (true)
        {
            SkipSpaces();
            if (_pos >= text.Length)
            {
                return dataset;
            }

            var c = text[_pos];
            if (c == '#')
            {
                SkipComment();
                continue;
            }

            if (c is '\n' or '\r')
            {
                ConsumeEol();
                continue;
            }

            if (dataset.Count >= _maxQuads)
            {
                return Outcome.Error(ErrorCodes.RdfDatasetTooLarge, $"N-Quads document has more than {_maxQuads} statements.");
            }

            if (!TryReadStatement(out var quad))
            {
                return Outcome.Error(ErrorCodes.NQuadsSyntax, $"N-Quads line {_line.ToString(CultureInfo.InvariantCulture)}, column {(_pos - _lineStart + 1).ToString(CultureInfo.InvariantCulture)}: {_error}");
            }

            dataset.Add(quad);
        }
    }

    private bool TryReadStatement(out Quad quad)
    {
        quad = default;
        if (!TryReadSubjectOrGraph(out var subject, "subject"))
        {
            return false;
        }

        SkipSpaces();
        if (!TryReadIri(out var predicate, "predicate"))
        {
            return false;
        }

        SkipSpaces();
        if (!TryReadObject(out var @object))
        {
            return false;
        }

        SkipSpaces();
        var graph = RdfTerm.DefaultGraph;
        if (_pos < _text.Length && _text[_pos] is '<' or '_')
        {
            if (!TryReadSubjectOrGraph(out graph, "graph label"))
            {
                return false;
            }

            SkipSpaces();
        }

        if (_pos >= _text.Length || _text[_pos] != '.')
        {
            return Fail("expected '.' at the end of the statement");
        }

        _pos++;
        SkipSpaces();
        if (_pos < _text.Length && _text[_pos] == '#')
        {
            SkipComment();
        }

        if (_pos < _text.Length && _text[_pos] is not ('\n' or '\r'))
        {
            return Fail("expected the end of the line after '.'");
        }

        quad = new Quad(subject, predicate, @object, graph);
        return true;
    }

    private bool TryReadSubjectOrGraph(out RdfTerm term, string what)
    {
        if (_pos < _text.Length && _text[_pos] == '_')
        {
            return TryReadBlankNode(out term);
        }

        return TryReadIri(out term, what);
    }

    private bool TryReadObject(out RdfTerm term)
    {
        if (_pos < _text.Length)
        {
            switch (_text[_pos])
            {
                case '_':
                    return TryReadBlankNode(out term);
                case '"':
                    return TryReadLiteral(out term);
            }
        }

        return TryReadIri(out term, "object");
    }

    // [10] IRIREF ::= '<' ([^#x00-#x20<>"{}|^`\] | UCHAR)* '>'; RDF 1.1 N-Quads §2.1: absolute IRIs only.
    private bool TryReadIri(out RdfTerm term, string what)
    {
        term = default;
        if (!TryReadIriString(out var iri, what))
        {
            return false;
        }

        term = RdfTerm.Iri(iri);
        return true;
    }

    private bool TryReadIriString(out string iri, string what)
    {
        iri = string.Empty;
        var text = _text;
        if (_pos >= text.Length || text[_pos] != '<')
        {
            return Fail($"expected an IRI ('<') as {what}");
        }

        var start = ++_pos;
        var escaped = false;

        // Fast path: find the first character that ends or complicates the IRI with a vectorized search.
        var stop = text.AsSpan(start).IndexOfAny(IriSpecial);
        if (stop >= 0 && text[start + stop] == '>' && !text.AsSpan(start, stop).ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            _pos = start + stop;
        }
        else
        {
            _pos = start;
            while (true)
            {
                if (_pos >= text.Length)
                {
                    return Fail("unterminated IRI");
                }

                var c = text[_pos];
                if (c == '>')
                {
                    break;
                }

                if (c == '\\')
                {
                    escaped = true;
                    _pos++;
                    if (!TryReadUchar(out _))
                    {
                        return false;
                    }

                    continue;
                }

                if (c <= ' ' || c is '<' or '"' or '{' or '}' or '|' or '^' or '`')
                {
                    return Fail($"character U+{(int)c:X4} is not allowed in an IRI");
                }

                if (char.IsSurrogate(c) && !TrySkipSurrogatePair())
                {
                    return false;
                }

                _pos++;
            }
        }

        var raw = text.AsSpan(start, _pos - start);
        _pos++; // '>'
        if (escaped)
        {
            var sb = Scratch();
            for (var i = 0; i < raw.Length; i++)
            {
                if (raw[i] == '\\')
                {
                    var value = DecodeUchar(raw, ref i);
                    if (value <= 0x20 || value is '<' or '>' or '"' or '{' or '}' or '|' or '^' or '`' or '\\')
                    {
                        return Fail($"escaped character U+{value:X4} is not allowed in an IRI");
                    }

                    AppendScalar(sb, value);
                }
                else
                {
                    sb.Append(raw[i]);
                }
            }

            iri = sb.ToString();
        }
        else
        {
            iri = NewString(raw);
        }

        if (!HasScheme(iri))
        {
            return Fail($"IRI <{iri}> is not absolute");
        }

        return true;
    }

    // RFC 3987 scheme ::= ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) followed by ':'.
    private static bool HasScheme(string iri)
    {
        if (iri.Length == 0 || !char.IsAsciiLetter(iri[0]))
        {
            return false;
        }

        for (var i = 1; i < iri.Length; i++)
        {
            var c = iri[i];
            if (c == ':')
            {
                return true;
            }

            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return false;
    }

    // [141s] BLANK_NODE_LABEL ::= '_:' (PN_CHARS_U | [0-9]) ((PN_CHARS | '.')* PN_CHARS)?
    private bool TryReadBlankNode(out RdfTerm term)
    {
        term = default;
        var text = _text;
        if (_pos + 1 >= text.Length || text[_pos] != '_' || text[_pos + 1] != ':')
        {
            return Fail("expected a blank node label ('_:')");
        }

        _pos += 2;
        var start = _pos;
        if (!TryReadNameChar(first: true))
        {
            return Fail("invalid first character in a blank node label");
        }

        var lastNonDot = _pos;
        while (_pos < text.Length)
        {
            if (text[_pos] == '.')
            {
                _pos++;
                continue;
            }

            if (!TryReadNameChar(first: false))
            {
                break;
            }

            lastNonDot = _pos;
        }

        if (_error is not null)
        {
            return false;
        }

        _pos = lastNonDot; // a label cannot end with '.': trailing dots belong to the statement
        term = RdfTerm.BlankNode(NewString(text.AsSpan(start, _pos - start)));
        return true;
    }

    /// <summary>Consumes one PN_CHARS (or, first, PN_CHARS_U | [0-9]) code point; false (position unchanged) if none.</summary>
    private bool TryReadNameChar(bool first)
    {
        var text = _text;
        if (_pos >= text.Length)
        {
            return false;
        }

        int cp = text[_pos];
        var width = 1;
        if (char.IsHighSurrogate((char)cp))
        {
            if (_pos + 1 >= text.Length || !char.IsLowSurrogate(text[_pos + 1]))
            {
                _error = "unpaired surrogate";
                return false;
            }

            cp = char.ConvertToUtf32((char)cp, text[_pos + 1]);
            width = 2;
        }
        else if (char.IsLowSurrogate((char)cp))
        {
            _error = "unpaired surrogate";
            return false;
        }

        var ok = IsPnCharsBase(cp) || cp is '_' or ':' || (cp >= '0' && cp <= '9') ||
            (!first && (cp == '-' || cp == 0xB7 || (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x203F && cp <= 0x2040)));
        if (ok)
        {
            _pos += width;
        }

        return ok;
    }

    // [163s] PN_CHARS_BASE
    private static bool IsPnCharsBase(int c) =>
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
        (c >= 0x00C0 && c <= 0x00D6) || (c >= 0x00D8 && c <= 0x00F6) || (c >= 0x00F8 && c <= 0x02FF) ||
        (c >= 0x0370 && c <= 0x037D) || (c >= 0x037F && c <= 0x1FFF) || (c >= 0x200C && c <= 0x200D) ||
        (c >= 0x2070 && c <= 0x218F) || (c >= 0x2C00 && c <= 0x2FEF) || (c >= 0x3001 && c <= 0xD7FF) ||
        (c >= 0xF900 && c <= 0xFDCF) || (c >= 0xFDF0 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0xEFFFF);

    // [7] literal ::= STRING_LITERAL_QUOTE ('^^' IRIREF | LANGTAG)?
    // [9] STRING_LITERAL_QUOTE ::= '"' ([^#x22#x5C#xA#xD] | ECHAR | UCHAR)* '"'
    private bool TryReadLiteral(out RdfTerm term)
    {
        term = default;
        var text = _text;
        var start = ++_pos; // opening quote
        var escaped = false;
        var stop = text.AsSpan(start).IndexOfAny(LiteralSpecial);
        if (stop >= 0 && text[start + stop] == '"' && !text.AsSpan(start, stop).ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            _pos = start + stop;
        }
        else
        {
            _pos = start;
            while (true)
            {
                if (_pos >= text.Length)
                {
                    return Fail("unterminated literal");
                }

                var c = text[_pos];
                if (c == '"')
                {
                    break;
                }

                if (c is '\n' or '\r')
                {
                    return Fail("line break inside a literal (use \\n or \\r)");
                }

                if (c == '\\')
                {
                    escaped = true;
                    _pos++;
                    if (_pos < text.Length && text[_pos] is 't' or 'b' or 'n' or 'r' or 'f' or '"' or '\'' or '\\')
                    {
                        _pos++;
                        continue;
                    }

                    if (!TryReadUchar(out _))
                    {
                        return false;
                    }

                    continue;
                }

                if (char.IsSurrogate(c) && !TrySkipSurrogatePair())
                {
                    return false;
                }

                _pos++;
            }
        }

        var raw = text.AsSpan(start, _pos - start);
        _pos++; // closing quote
        var lexical = escaped ? Unescape(raw) : raw.ToString();

        if (_pos < text.Length && text[_pos] == '@')
        {
            if (!TryReadLanguage(out var language))
            {
                return false;
            }

            term = RdfTerm.Literal(lexical, null, language);
            return true;
        }

        if (_pos + 1 < text.Length && text[_pos] == '^' && text[_pos + 1] == '^')
        {
            _pos += 2;
            if (!TryReadIriString(out var datatype, "datatype"))
            {
                return false;
            }

            term = RdfTerm.Literal(lexical, datatype);
            return true;
        }

        term = RdfTerm.Literal(lexical);
        return true;
    }

    // [144s] LANGTAG ::= '@' [a-zA-Z]+ ('-' [a-zA-Z0-9]+)*
    private bool TryReadLanguage(out string language)
    {
        language = string.Empty;
        var text = _text;
        var start = ++_pos;
        while (_pos < text.Length && char.IsAsciiLetter(text[_pos]))
        {
            _pos++;
        }

        if (_pos == start)
        {
            return Fail("empty language tag");
        }

        while (_pos < text.Length && text[_pos] == '-')
        {
            var subtag = ++_pos;
            while (_pos < text.Length && char.IsAsciiLetterOrDigit(text[_pos]))
            {
                _pos++;
            }

            if (_pos == subtag)
            {
                return Fail("empty language subtag");
            }
        }

        language = NewString(text.AsSpan(start, _pos - start));
        return true;
    }

    /// <summary>Validates a UCHAR after its backslash (at <c>u</c> or <c>U</c>) and moves past it.</summary>
    private bool TryReadUchar(out int value)
    {
        value = 0;
        var text = _text;
        if (_pos >= text.Length || text[_pos] is not ('u' or 'U'))
        {
            return Fail("invalid escape sequence");
        }

        var digits = text[_pos] == 'u' ? 4 : 8;
        if (_pos + digits >= text.Length)
        {
            return Fail("truncated \\u escape");
        }

        for (var i = 1; i <= digits; i++)
        {
            var h = HexValue(text[_pos + i]);
            if (h < 0)
            {
                return Fail("invalid hexadecimal digit in \\u escape");
            }

            value = (value << 4) | h;
        }

        // Only Unicode scalar values denote characters (RDF 1.1 Concepts §3.3 strings).
        if ((uint)value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        {
            return Fail($"\\u escape U+{value:X} is not a Unicode scalar value");
        }

        _pos += digits + 1;
        return true;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'F' => c - 'A' + 10,
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => -1,
    };

    /// <summary>Decodes a validated <c>\uXXXX</c> or <c>\UXXXXXXXX</c> at <paramref name="i"/> (the backslash); leaves i on its last digit.</summary>
    private static int DecodeUchar(ReadOnlySpan<char> raw, ref int i)
    {
        var digits = raw[i + 1] == 'u' ? 4 : 8;
        var value = 0;
        for (var k = 0; k < digits; k++)
        {
            value = (value << 4) | HexValue(raw[i + 2 + k]);
        }

        i += digits + 1;
        return value;
    }

    private string Unescape(ReadOnlySpan<char> raw)
    {
        var sb = Scratch();
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            switch (raw[i + 1])
            {
                case 't': sb.Append('\t'); i++; break;
                case 'b': sb.Append('\b'); i++; break;
                case 'n': sb.Append('\n'); i++; break;
                case 'r': sb.Append('\r'); i++; break;
                case 'f': sb.Append('\f'); i++; break;
                case '"': sb.Append('"'); i++; break;
                case '\'': sb.Append('\''); i++; break;
                case '\\': sb.Append('\\'); i++; break;
                default: AppendScalar(sb, DecodeUchar(raw, ref i)); break;
            }
        }

        return sb.ToString();
    }

    private static void AppendScalar(StringBuilder sb, int value)
    {
        if (value < 0x10000)
        {
            sb.Append((char)value);
        }
        else
        {
            value -= 0x10000;
            sb.Append((char)(0xD800 + (value >> 10)));
            sb.Append((char)(0xDC00 + (value & 0x3FF)));
        }
    }

    private bool TrySkipSurrogatePair()
    {
        var text = _text;
        if (char.IsHighSurrogate(text[_pos]) && _pos + 1 < text.Length && char.IsLowSurrogate(text[_pos + 1]))
        {
            _pos++; // the caller moves past the low surrogate
            return true;
        }

        return Fail("unpaired surrogate");
    }

    private StringBuilder Scratch()
    {
        _scratch ??= new StringBuilder(64);
        _scratch.Clear();
        return _scratch;
    }

    private static string NewString(ReadOnlySpan<char> value) => value.ToString();

    // [6] WS: space and tab only; EOL ends a statement.
    private void SkipSpaces()
    {
        var text = _text;
        while (_pos < text.Length && text[_pos] is ' ' or '\t')
        {
            _pos++;
        }
    }

    private void SkipComment()
    {
        var end = _text.AsSpan(_pos).IndexOfAny('\n', '\r');
        _pos = end < 0 ? _text.Length : _pos + end;
    }

    // [8] EOL ::= [#xD#xA]+ ; counts lines for error messages (CRLF is one line break).
    private void ConsumeEol()
    {
        var c = _text[_pos++];
        if (c == '\r' && _pos < _text.Length && _text[_pos] == '\n')
        {
            _pos++;
        }

        _line++;
        _lineStart = _pos;
    }

    private bool Fail(string message)
    {
        _error = message;
        return false;
    }
}
