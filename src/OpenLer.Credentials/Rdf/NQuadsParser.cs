using System.Text;
using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Rdf;

/// <summary>
/// Parses RDF 1.1 N-Quads (W3C Recommendation, §5 grammar) into an <see cref="RdfDataset"/>. Malformed input is
/// refused with <see cref="ErrorCodes.NQuadsSyntax"/> naming the line and column; a document with more than
/// <c>maxQuads</c> statements is refused with <see cref="ErrorCodes.RdfDatasetTooLarge"/>. Never throws on input.
/// </summary>
public static class NQuadsParser
{
    /// <summary>Default bound on the number of statements in one document.</summary>
    public const int DefaultMaxQuads = 100_000;

    /// <summary>Parses N-Quads text.</summary>
    public static Outcome<RdfDataset> Parse(string text, int maxQuads = DefaultMaxQuads)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(maxQuads);
        return new NQuadsReader(text, maxQuads).Read();
    }

    /// <summary>Parses an N-Quads document in UTF-8 (the format's only encoding, RDF 1.1 N-Quads §C); invalid UTF-8 is refused.</summary>
    public static Outcome<RdfDataset> Parse(ReadOnlySpan<byte> utf8, int maxQuads = DefaultMaxQuads)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxQuads);
        string text;
        try
        {
            text = StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            return Outcome.Error(ErrorCodes.NQuadsSyntax, "N-Quads document is not valid UTF-8.");
        }

        return new NQuadsReader(text, maxQuads).Read();
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
