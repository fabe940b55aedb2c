using System.Security.Cryptography;
using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Rdf;

/// <summary>
/// One run of the RDFC-1.0 canonicalization algorithm (W3C Recommendation "RDF Dataset Canonicalization", §4.4.3).
/// Every IRI and literal is serialized once to canonical N-Quads UTF-8 and a quad becomes four (offset, length)
/// references into that buffer, or the complement of a blank node index: hashing and sorting then work on bytes.
/// (Encoding each occurrence is cheaper than interning terms by string hash.) UTF-8 byte order equals Unicode code
/// point order (§3.1), which is the order the algorithm requires.
/// </summary>
internal sealed partial class Rdfc10 : IDisposable
{
    private readonly RdfcOptions _options;
    private readonly CancellationToken _cancellation;
    private readonly bool _sha384;
    private readonly ByteBuffer _terms = new(8192);
    private readonly ByteBuffer _lines = new(8192);
    private readonly ByteBuffer _hashInput = new(4096);
    private readonly Dictionary<string, int> _blankIds = new(StringComparer.Ordinal);
    private readonly List<string> _blankLabels = [];
    private readonly List<int> _canonicalOrder = [];
    private byte[] _termBytes = [];
    private int[] _quads = [];
    private int[] _lengths = [];
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
        _sha384 = options.HashAlgorithm == RdfcHashAlgorithm.Sha384;
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
            _cancellation.ThrowIfCancellationRequested();
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

        var canonical = Serialize(out var distinct);
        return new CanonicalDataset(canonical, IssuedIdentifiers(), distinct, _work);
    }

    /// <summary>Encodes terms, validates quad shapes and drops duplicate quads (a dataset is a set of quads).</summary>
    private CredentialError? Load(RdfDataset dataset)
    {
        var quads = dataset.AsSpan();
        _quads = new int[quads.Length * 4];
        _lengths = new int[quads.Length * 4];
        var withBlank = 0;
        for (var i = 0; i < quads.Length; i++)
        {
            Checkpoint(i);
            ref readonly var quad = ref quads[i];
            if (RdfValidation.CheckQuad(quad) is { } shape)
            {
                return new CredentialError(ErrorCodes.InvalidRdfDataset, $"Quad {i}: {shape}");
            }

            var at = i * 4;
            var ok = Encode(quad.Subject, at) & Encode(quad.Predicate, at + 1) & Encode(quad.Object, at + 2);
            if (!quad.Graph.IsDefaultGraph)
            {
                ok &= Encode(quad.Graph, at + 3); // the default graph stays (0, 0)
            }

            if (!ok)
            {
                return new CredentialError(ErrorCodes.InvalidRdfDataset, $"Quad {i}: a term holds an unpaired UTF-16 surrogate and has no UTF-8 form.");
            }

            if (_quads[at] < 0 || _quads[at + 2] < 0 || _quads[at + 3] < 0)
            {
                withBlank++;
            }
        }

        _quadCount = quads.Length;
        _termBytes = _terms.RawBuffer;
        if (withBlank > 1)
        {
            RemoveDuplicateBlankNodeQuads(withBlank);
        }

        return null;
    }

    /// <summary>Stores a component: (offset, length) of its canonical bytes, or the complement of its blank node index.</summary>
    private bool Encode(in RdfTerm term, int slot)
    {
        if (term.Kind == RdfTermKind.BlankNode)
        {
            if (!_blankIds.TryGetValue(term.Value, out var blank))
            {
                blank = _blankLabels.Count;
                _blankIds.Add(term.Value, blank);
                _blankLabels.Add(term.Value);
            }

            _quads[slot] = ~blank;
            return true;
        }

        var start = _terms.Length;
        if (!NQuadsWriter.TryWriteTerm(_terms, term))
        {
            return false;
        }

        _quads[slot] = start;
        _lengths[slot] = _terms.Length - start;
        return true;
    }

    /// <summary>
    /// Duplicate quads change first-degree hashes, so quads mentioning blank nodes are deduplicated here (by their
    /// serialization with input labels, which is injective). Duplicates without blank nodes serialize to identical
    /// canonical lines and are dropped when the output is sorted.
    /// </summary>
    private void RemoveDuplicateBlankNodeQuads(int withBlank)
    {
        var lines = _lines;
        lines.Clear();
        var slices = new Slice[withBlank];
        var owners = new int[withBlank];
        var n = 0;
        for (var q = 0; q < _quadCount; q++)
        {
            var at = q * 4;
            if (_quads[at] >= 0 && _quads[at + 2] >= 0 && _quads[at + 3] >= 0)
            {
                continue;
            }

            var start = lines.Length;
            for (var c = 0; c < 4; c++)
            {
                var component = _quads[at + c];
                if (component < 0)
                {
                    lines.Append("_:"u8);
                    lines.AppendUtf8(_blankLabels[~component]);
                }
                else
                {
                    lines.Append(_termBytes.AsSpan(component, _lengths[at + c]));
                }

                lines.Append((byte)' ');
            }

            slices[n] = new Slice(start, lines.Length - start);
            owners[n++] = q;
        }

        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        var buffer = lines.RawBuffer;
        order.AsSpan().Sort(new SliceIndexComparer(buffer, slices));
        var removed = new bool[_quadCount];
        var any = false;
        for (var i = 1; i < n; i++)
        {
            if (buffer.AsSpan(slices[order[i]].Start, slices[order[i]].Length).SequenceEqual(buffer.AsSpan(slices[order[i - 1]].Start, slices[order[i - 1]].Length)))
            {
                removed[owners[order[i]]] = true; // ties are in input order: the later copy goes
                any = true;
            }
        }

        if (!any)
        {
            return;
        }

        var kept = 0;
        for (var q = 0; q < _quadCount; q++)
        {
            if (removed[q])
            {
                continue;
            }

            Array.Copy(_quads, q * 4, _quads, kept * 4, 4);
            Array.Copy(_lengths, q * 4, _lengths, kept * 4, 4);
            kept++;
        }

        _quadCount = kept;
    }

    private ReadOnlySpan<byte> TermAt(int slot) => _termBytes.AsSpan(_quads[slot], _lengths[slot]);

    private bool IsDefaultGraph(int quad) => _lengths[(quad * 4) + 3] == 0 && _quads[(quad * 4) + 3] >= 0;

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

    /// <summary>Lowercase hexadecimal of the hash of <paramref name="data"/> (§3.1 "hash").</summary>
    private byte[] HashHex(ReadOnlySpan<byte> data)
    {
        Span<byte> digest = stackalloc byte[48];
        var written = _sha384 ? SHA384.HashData(data, digest) : SHA256.HashData(data, digest);
        var hex = new byte[written * 2];
        for (var i = 0; i < written; i++)
        {
            hex[2 * i] = LowerHex[digest[i] >> 4];
            hex[(2 * i) + 1] = LowerHex[digest[i] & 0xF];
        }

        return hex;
    }

    private static ReadOnlySpan<byte> LowerHex => "0123456789abcdef"u8;

    /// <summary>Observes the caller's cancellation (a time budget) every 1,024 iterations of a per-quad loop.</summary>
    private void Checkpoint(int iteration)
    {
        if ((iteration & 1023) == 0)
        {
            _cancellation.ThrowIfCancellationRequested();
        }
    }

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
        _terms.Dispose();
        _lines.Dispose();
        _hashInput.Dispose();
    }

    private readonly struct SliceIndexComparer(byte[] buffer, Slice[] slices) : IComparer<int>
    {
        public int Compare(int x, int y)
        {
            var c = buffer.AsSpan(slices[x].Start, slices[x].Length).SequenceCompareTo(buffer.AsSpan(slices[y].Start, slices[y].Length));
            return c != 0 ? c : x.CompareTo(y);
        }
    }

    private readonly struct BlankByHash(byte[][] hashes) : IComparer<int>
    {
        public int Compare(int x, int y)
        {
            var c = hashes[x].AsSpan().SequenceCompareTo(hashes[y]);
            return c != 0 ? c : x.CompareTo(y);
        }
    }
}
