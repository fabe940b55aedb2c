using System.Security.Cryptography;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Verification;

namespace OpenLer.Credentials.Rdf;

/// <summary>
/// One run of the RDFC-1.0 canonicalization algorithm (W3C Recommendation "RDF Dataset Canonicalization", §4.4.3).
/// Terms are interned once: every IRI and literal is serialized to canonical N-Quads UTF-8 a single time and quads
/// become four integers (a term index, or the complement of a blank node index), so hashing and sorting work on bytes.
/// UTF-8 byte order equals Unicode code point order (§3.1), which is the order the algorithm requires.
/// </summary>
internal sealed partial class Rdfc10 : IDisposable
{
    private const int DefaultGraph = 0;

    private readonly RdfcOptions _options;
    private readonly CancellationToken _cancellation;
    private readonly IncrementalHash _hasher;
    private readonly int _hashBytes;
    private readonly ByteBuffer _lines = new(8192);
    private readonly ByteBuffer _relatedInput = new(256);
    private readonly List<byte[]> _terms = [[]];
    private readonly Dictionary<string, int> _iris = new(StringComparer.Ordinal);
    private readonly Dictionary<RdfTerm, int> _literals = [];
    private readonly Dictionary<string, int> _blankIds = new(StringComparer.Ordinal);
    private readonly List<string> _blankLabels = [];
    private readonly List<int> _canonicalOrder = [];
    private int[] _quads = [];
    private int _quadCount;
    private int[] _mentionStart = [];
    private int[] _mentions = [];
    private byte[][] _firstDegree = [];
    private int[] _canonical = [];
    private long _work;
    private long _budget;
    private CredentialError? _failure;

    public Rdfc10(RdfcOptions options, CancellationToken cancellation)
    {
        _options = options;
        _cancellation = cancellation;
        var algorithm = options.HashAlgorithm == RdfcHashAlgorithm.Sha384 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256;
        _hasher = IncrementalHash.CreateHash(algorithm);
        _hashBytes = _hasher.HashLengthInBytes;
    }

    public Outcome<CanonicalDataset> Run(RdfDataset dataset)
    {
        if (dataset.Count > _options.MaxQuads)
        {
            return Outcome.Error(ErrorCodes.RdfDatasetTooLarge, $"RDF dataset has {dataset.Count} quads; at most {_options.MaxQuads} are canonicalized.");
        }

        if (Load(dataset) is { } loadError)
        {
            return loadError;
        }

        BuildMentions();

        // §4.4.3 step 3: first-degree hash of every blank node; step 3.2: the hash to blank nodes map.
        var blankCount = _blankLabels.Count;
        _firstDegree = new byte[blankCount][];
        _canonical = new int[blankCount];
        Array.Fill(_canonical, -1);
        for (var b = 0; b < blankCount; b++)
        {
            _firstDegree[b] = HashFirstDegree(b);
        }

        // Blank nodes ordered by hash (code point order), ties in order of first mention (the map's insertion order).
        var byHash = new int[blankCount];
        for (var b = 0; b < blankCount; b++)
        {
            byHash[b] = b;
        }

        byHash.AsSpan().Sort(new BlankByHash(_firstDegree));

        // Step 4: blank nodes with a unique first-degree hash get canonical identifiers in hash order.
        var nonUnique = 0;
        for (var start = 0; start < blankCount;)
        {
            var length = HashRunLength(byHash, start, _firstDegree);
            if (length == 1)
            {
                IssueCanonical(byHash[start]);
            }
            else
            {
                nonUnique += length;
            }

            start += length;
        }

        // Step 5: the others, through Hash N-Degree Quads, group by group in hash order.
        _budget = _options.BudgetFor(nonUnique);
        if (nonUnique > 0 && !IssueNonUnique(byHash))
        {
            return _failure!;
        }

        return new CanonicalDataset(Serialize(), IssuedIdentifiers(), _quadCount, _work);
    }

    /// <summary>Interns terms, validates quad shapes and drops duplicate quads (a dataset is a set of quads).</summary>
    private CredentialError? Load(RdfDataset dataset)
    {
        var quads = dataset.Quads;
        _quads = new int[quads.Count * 4];
        var seen = new HashSet<QuadKey>(quads.Count);
        using var term = new ByteBuffer(256);
        for (var i = 0; i < quads.Count; i++)
        {
            var quad = quads[i];
            if (RdfValidation.CheckQuad(quad) is { } shape)
            {
                return new CredentialError(ErrorCodes.InvalidRdfDataset, $"Quad {i}: {shape}");
            }

            var s = Intern(quad.Subject, term);
            var p = Intern(quad.Predicate, term);
            var o = Intern(quad.Object, term);
            var g = quad.Graph.IsDefaultGraph ? DefaultGraph : Intern(quad.Graph, term);
            if (s == int.MinValue || p == int.MinValue || o == int.MinValue || g == int.MinValue)
            {
                return new CredentialError(ErrorCodes.InvalidRdfDataset, $"Quad {i}: a term holds an unpaired UTF-16 surrogate and has no UTF-8 form.");
            }

            if (!seen.Add(new QuadKey(s, p, o, g)))
            {
                continue;
            }

            var at = _quadCount++ * 4;
            _quads[at] = s;
            _quads[at + 1] = p;
            _quads[at + 2] = o;
            _quads[at + 3] = g;
        }

        return null;
    }

    /// <summary>A term index (≥ 1), the complement of a blank node index (&lt; 0), or int.MinValue if it cannot be encoded.</summary>
    private int Intern(in RdfTerm term, ByteBuffer scratch)
    {
        if (term.Kind == RdfTermKind.BlankNode)
        {
            if (!_blankIds.TryGetValue(term.Value, out var blank))
            {
                blank = _blankLabels.Count;
                _blankIds.Add(term.Value, blank);
                _blankLabels.Add(term.Value);
            }

            return ~blank;
        }

        if (term.Kind == RdfTermKind.Iri)
        {
            if (_iris.TryGetValue(term.Value, out var known))
            {
                return known;
            }

            scratch.Clear();
            if (!NQuadsWriter.TryWriteIri(scratch, term.Value))
            {
                return int.MinValue;
            }

            var id = AddTerm(scratch);
            _iris.Add(term.Value, id);
            return id;
        }

        if (_literals.TryGetValue(term, out var literal))
        {
            return literal;
        }

        scratch.Clear();
        if (!NQuadsWriter.TryWriteTerm(scratch, term))
        {
            return int.MinValue;
        }

        var added = AddTerm(scratch);
        _literals.Add(term, added);
        return added;
    }

    private int AddTerm(ByteBuffer encoded)
    {
        _terms.Add(encoded.WrittenSpan.ToArray());
        return _terms.Count - 1;
    }

    /// <summary>§4.4.3 step 2: the blank node to quads map, as compressed rows (each quad listed once per blank node).</summary>
    private void BuildMentions()
    {
        var blankCount = _blankLabels.Count;
        var start = new int[blankCount + 1];
        Span<int> blanks = stackalloc int[3];
        for (var q = 0; q < _quadCount; q++)
        {
            foreach (var b in DistinctBlanks(q, blanks))
            {
                start[b + 1]++;
            }
        }

        for (var b = 0; b < blankCount; b++)
        {
            start[b + 1] += start[b];
        }

        var fill = start.AsSpan(0, blankCount).ToArray();
        var mentions = new int[start[blankCount]];
        for (var q = 0; q < _quadCount; q++)
        {
            foreach (var b in DistinctBlanks(q, blanks))
            {
                mentions[fill[b]++] = q;
            }
        }

        _mentionStart = start;
        _mentions = mentions;
    }

    /// <summary>The distinct blank nodes of a quad's subject, object and graph name.</summary>
    private Span<int> DistinctBlanks(int quad, Span<int> into)
    {
        var at = quad * 4;
        int s = _quads[at], o = _quads[at + 2], g = _quads[at + 3];
        var n = 0;
        if (s < 0)
        {
            into[n++] = ~s;
        }

        if (o < 0 && o != s)
        {
            into[n++] = ~o;
        }

        if (g < 0 && g != s && g != o)
        {
            into[n++] = ~g;
        }

        return into[..n];
    }

    private ReadOnlySpan<int> MentionsOf(int blank) =>
        _mentions.AsSpan(_mentionStart[blank], _mentionStart[blank + 1] - _mentionStart[blank]);

    private void IssueCanonical(int blank)
    {
        if (_canonical[blank] < 0)
        {
            _canonical[blank] = _canonicalOrder.Count;
            _canonicalOrder.Add(blank);
        }
    }

    private Dictionary<string, string> IssuedIdentifiers()
    {
        var map = new Dictionary<string, string>(_canonicalOrder.Count, StringComparer.Ordinal);
        for (var i = 0; i < _canonicalOrder.Count; i++)
        {
            map.Add(_blankLabels[_canonicalOrder[i]], "c14n" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return map;
    }

    /// <summary>Length of the run of blank nodes in <paramref name="sorted"/> from <paramref name="start"/> that share a hash.</summary>
    private static int HashRunLength(int[] sorted, int start, byte[][] hashes)
    {
        var end = start + 1;
        while (end < sorted.Length && hashes[sorted[end]].AsSpan().SequenceEqual(hashes[sorted[start]]))
        {
            end++;
        }

        return end - start;
    }

    /// <summary>Lowercase hexadecimal of the hash of everything appended to the hasher (§3.1 "hash").</summary>
    private byte[] FinishHashHex()
    {
        Span<byte> digest = stackalloc byte[64];
        _hasher.TryGetHashAndReset(digest, out var written);
        var hex = new byte[written * 2];
        for (var i = 0; i < written; i++)
        {
            hex[2 * i] = LowerHex[digest[i] >> 4];
            hex[(2 * i) + 1] = LowerHex[digest[i] & 0xF];
        }

        return hex;
    }

    private static ReadOnlySpan<byte> LowerHex => "0123456789abcdef"u8;

    private bool Spend(long units)
    {
        _cancellation.ThrowIfCancellationRequested();
        _work += units;
        if (_work <= _budget)
        {
            return true;
        }

        _failure = new CredentialError(ErrorCodes.RdfcWorkLimitExceeded,
            $"RDF canonicalization refused: the dataset needs more than {_budget} units of Hash N-Degree Quads work (possible poison graph).");
        return false;
    }

    public void Dispose()
    {
        _hasher.Dispose();
        _lines.Dispose();
        _relatedInput.Dispose();
    }

    private readonly record struct QuadKey(int S, int P, int O, int G);

    private readonly struct BlankByHash(byte[][] hashes) : IComparer<int>
    {
        public int Compare(int x, int y)
        {
            var c = hashes[x].AsSpan().SequenceCompareTo(hashes[y]);
            return c != 0 ? c : x.CompareTo(y);
        }
    }
}
