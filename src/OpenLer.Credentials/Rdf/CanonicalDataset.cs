using System.Text;

namespace OpenLer.Credentials.Rdf;

/// <summary>
/// The result of RDFC-1.0 (§4.4 canonicalized dataset, §5 serialized canonical form): the canonical N-Quads document
/// (quads relabeled with canonical identifiers, each in canonical N-Quads form, sorted in code point order, without
/// duplicates) and the issued identifiers map of the canonical issuer (input blank node label → <c>c14nN</c>).
/// </summary>
public sealed class CanonicalDataset
{
    private readonly byte[] _utf8;
    private string? _text;
    private IReadOnlyList<string>? _lines;

    internal CanonicalDataset(byte[] utf8, IReadOnlyDictionary<string, string> issuedIdentifiers, int quadCount, long workUnits)
    {
        _utf8 = utf8;
        IssuedIdentifiers = issuedIdentifiers;
        Count = quadCount;
        WorkUnits = workUnits;
    }

    /// <summary>The serialized canonical form as UTF-8 bytes (what Data Integrity cryptosuites hash).</summary>
    public ReadOnlyMemory<byte> Utf8NQuads => _utf8;

    /// <summary>The serialized canonical form as text.</summary>
    public string NQuads => _text ??= Encoding.UTF8.GetString(_utf8);

    /// <summary>The canonical quads, one string per quad, each ending with its <c>\n</c>, in canonical order.</summary>
    public IReadOnlyList<string> Lines => _lines ??= SplitLines(NQuads);

    /// <summary>Input blank node label (without <c>_:</c>) → canonical label (<c>c14n0</c>, ...), in issue order.</summary>
    public IReadOnlyDictionary<string, string> IssuedIdentifiers { get; }

    /// <summary>The number of distinct quads.</summary>
    public int Count { get; }

    /// <summary>Work spent in Hash N-Degree Quads (calls, permutations and related hashes); 0 when every first-degree hash was unique.</summary>
    public long WorkUnits { get; }

    private static string[] SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            lines.Add(text[start..(end + 1)]);
            start = end + 1;
        }

        return [.. lines];
    }
}
