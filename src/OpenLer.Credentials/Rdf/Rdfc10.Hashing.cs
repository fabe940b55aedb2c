using System.Runtime.CompilerServices;

namespace OpenLer.Credentials.Rdf;

/// <summary>RDFC-1.0 §4.6 Hash First Degree Quads, §4.7 Hash Related Blank Node, §4.8 Hash N-Degree Quads.</summary>
internal sealed partial class Rdfc10
{
    /// <summary>
    /// §4.6.3: serialize each quad mentioning <paramref name="blank"/> in canonical N-Quads form with that blank node as
    /// <c>_:a</c> and every other blank node as <c>_:z</c>, sort the lines in code point order, hash their concatenation.
    /// </summary>
    private byte[] HashFirstDegree(int blank)
    {
        var mentions = MentionsOf(blank);
        var lines = _lines;
        lines.Clear();
        var slices = mentions.Length <= 64 ? stackalloc Slice[mentions.Length] : new Slice[mentions.Length];
        for (var i = 0; i < mentions.Length; i++)
        {
            var start = lines.Length;
            var at = mentions[i] * 4;
            WriteFirstDegreeComponent(lines, at, blank);
            lines.Append((byte)' ');
            lines.Append(TermAt(at + 1));
            lines.Append((byte)' ');
            WriteFirstDegreeComponent(lines, at + 2, blank);
            if (!IsDefaultGraph(mentions[i]))
            {
                lines.Append((byte)' ');
                WriteFirstDegreeComponent(lines, at + 3, blank);
            }

            lines.Append(" .\n"u8);
            slices[i] = new Slice(start, lines.Length - start);
        }

        var buffer = lines.RawBuffer;
        slices.Sort(new SliceComparer(buffer));
        var input = _hashInput;
        input.Clear();
        foreach (var slice in slices)
        {
            input.Append(buffer.AsSpan(slice.Start, slice.Length));
        }

        return HashHex(input.WrittenSpan);
    }

    private void WriteFirstDegreeComponent(ByteBuffer output, int slot, int blank)
    {
        var component = _quads[slot];
        if (component >= 0)
        {
            output.Append(TermAt(slot));
        }
        else
        {
            output.Append(~component == blank ? "_:a"u8 : "_:z"u8);
        }
    }

    /// <summary>
    /// §4.7.3: hash of the position (<c>s</c>, <c>o</c> or <c>g</c>), the predicate in angle brackets unless the position
    /// is <c>g</c>, and the related blank node's canonical identifier, else its identifier from <paramref name="issuer"/>,
    /// else its first-degree hash.
    /// </summary>
    private byte[] HashRelated(int related, int quad, IdentifierIssuer issuer, int position)
    {
        var input = _hashInput;
        input.Clear();
        input.Append(position switch { 0 => (byte)'s', 2 => (byte)'o', _ => (byte)'g' });
        if (position != 3)
        {
            input.Append(TermAt((quad * 4) + 1));
        }

        if (_canonical[related] >= 0)
        {
            input.Append("_:c14n"u8);
            input.AppendDecimal(_canonical[related]);
        }
        else if (issuer.TryGet(related, out var temporary))
        {
            input.Append("_:b"u8);
            input.AppendDecimal(temporary);
        }
        else
        {
            input.Append(_firstDegree[related]);
        }

        return HashHex(input.WrittenSpan);
    }

    /// <summary>§4.4.3 step 5: canonical identifiers for blank nodes whose first-degree hash is shared.</summary>
    private bool IssueNonUnique(int[] byHash)
    {
        var results = new List<(byte[] Hash, IdentifierIssuer Issuer)>();
        for (var start = 0; start < byHash.Length;)
        {
            var length = HashRunLength(byHash, start, _firstDegree);
            if (length > 1)
            {
                // Step 5.2: within the group, blank nodes in the order they were added to the hash to blank nodes map.
                var group = byHash.AsSpan(start, length).ToArray();
                Array.Sort(group);
                results.Clear();
                foreach (var blank in group)
                {
                    if (_canonical[blank] >= 0)
                    {
                        continue; // step 5.2.1
                    }

                    var temporary = new IdentifierIssuer();
                    temporary.Issue(blank);
                    if (!TryHashNDegree(blank, temporary, 0, out var hash, out var issuer))
                    {
                        return false;
                    }

                    results.Add((hash, issuer));
                }

                // Step 5.3: by hash in code point order (a stable sort keeps ties in the order above).
                var ordered = results.ToArray();
                var keys = new int[ordered.Length];
                for (var i = 0; i < keys.Length; i++)
                {
                    keys[i] = i;
                }

                keys.AsSpan().Sort(new ResultByHash(ordered));
                foreach (var k in keys)
                {
                    foreach (var blank in ordered[k].Issuer.Order)
                    {
                        IssueCanonical(blank); // step 5.3.1
                    }
                }
            }

            start += length;
        }

        return true;
    }

    /// <summary>§4.8.3 Hash N-Degree Quads, with the work bound and a recursion depth bound.</summary>
    private bool TryHashNDegree(int identifier, IdentifierIssuer issuer, int depth, out byte[] hash, out IdentifierIssuer resultIssuer)
    {
        hash = [];
        resultIssuer = issuer;
        var mentions = MentionsOf(identifier);
        if (!Spend(1 + mentions.Length))
        {
            return false;
        }

        if (depth > _options.MaxRecursionDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            _failure = new Common.CredentialError(Common.ErrorCodes.RdfcWorkLimitExceeded,
                $"RDF canonicalization refused: Hash N-Degree Quads recursion deeper than {_options.MaxRecursionDepth} (possible poison graph).");
            return false;
        }

        // Steps 1–3: H_n, related hash → related blank nodes (a list: a node may be related more than once).
        var related = new List<Related>();
        foreach (var quad in mentions)
        {
            var at = quad * 4;
            for (var position = 0; position < 4; position++)
            {
                var component = _quads[at + position];
                if (position == 1 || component >= 0 || ~component == identifier)
                {
                    continue;
                }

                related.Add(new Related(HashRelated(~component, quad, issuer, position), ~component, related.Count));
            }
        }

        var entries = related.ToArray();
        entries.AsSpan().Sort(RelatedComparer.Instance);

        // Steps 4–5: for each related hash in code point order, the chosen (least) gossip path over all permutations.
        using var data = new ByteBuffer(256);
        using var first = new ByteBuffer(256);
        using var second = new ByteBuffer(256);
        var path = first;
        var chosen = second;
        var recursion = new List<int>();
        for (var start = 0; start < entries.Length;)
        {
            var end = start + 1;
            while (end < entries.Length && entries[end].Hash.AsSpan().SequenceEqual(entries[start].Hash))
            {
                end++;
            }

            data.Append(entries[start].Hash); // step 5.1
            var nodes = BlankNodeList(entries.AsSpan(start, end - start));
            var hasChosen = false;
            IdentifierIssuer? chosenIssuer = null;
            var permutations = new Permutations(nodes.Length);
            var comparison = default(PathComparison);
            while (permutations.MoveNext())
            {
                // Copying the issuer costs about 1/16 of a unit per identifier it holds.
                if (!Spend(1 + nodes.Length + (issuer.Count / 16)))
                {
                    return false;
                }

                var issuerCopy = issuer.Clone(); // step 5.4.1
                path.Clear();
                comparison.Reset();
                recursion.Clear();
                var skip = false;
                foreach (var index in permutations.Current)
                {
                    var node = nodes[index];
                    if (_canonical[node] >= 0)
                    {
                        path.Append("_:c14n"u8); // step 5.4.4.1
                        path.AppendDecimal(_canonical[node]);
                    }
                    else
                    {
                        if (!issuerCopy.TryGet(node, out _))
                        {
                            recursion.Add(node); // step 5.4.4.2.1
                        }

                        path.Append("_:b"u8); // step 5.4.4.2.2
                        path.AppendDecimal(issuerCopy.Issue(node));
                    }

                    if (hasChosen && comparison.IsWorse(path.WrittenSpan, chosen.WrittenSpan))
                    {
                        skip = true; // step 5.4.4.3
                        break;
                    }
                }

                if (skip)
                {
                    continue;
                }

                foreach (var node in recursion)
                {
                    // Step 5.4.5.1: recurse with issuer copy.
                    if (!TryHashNDegree(node, issuerCopy, depth + 1, out var nodeHash, out var nodeIssuer))
                    {
                        return false;
                    }

                    path.Append("_:b"u8); // step 5.4.5.2
                    path.AppendDecimal(issuerCopy.Issue(node));
                    path.Append((byte)'<'); // step 5.4.5.3
                    path.Append(nodeHash);
                    path.Append((byte)'>');
                    issuerCopy = nodeIssuer; // step 5.4.5.4
                    if (hasChosen && comparison.IsWorse(path.WrittenSpan, chosen.WrittenSpan))
                    {
                        skip = true; // step 5.4.5.5
                        break;
                    }
                }

                if (skip)
                {
                    continue;
                }

                if (!hasChosen || path.WrittenSpan.SequenceCompareTo(chosen.WrittenSpan) < 0)
                {
                    (path, chosen) = (chosen, path); // step 5.4.6
                    chosenIssuer = issuerCopy;
                    hasChosen = true;
                }
            }

            data.Append(chosen.WrittenSpan); // step 5.5
            issuer = chosenIssuer!; // step 5.6
            start = end;
        }

        // Step 6.
        hash = HashHex(data.WrittenSpan);
        resultIssuer = issuer;
        return true;
    }

    /// <summary>
    /// The blank node list of one related hash, sorted by input label (code point order) so that permutations are
    /// enumerated in the same order as common implementations; this only matters when gossip paths tie.
    /// </summary>
    private int[] BlankNodeList(ReadOnlySpan<Related> entries)
    {
        var nodes = new int[entries.Length];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = entries[i].Blank;
        }

        if (nodes.Length > 1)
        {
            var labels = _blankLabels;
            Array.Sort(nodes, (x, y) => string.CompareOrdinal(labels[x], labels[y]));
        }

        return nodes;
    }

    private readonly record struct Related(byte[] Hash, int Blank, int Sequence);

    private sealed class RelatedComparer : IComparer<Related>
    {
        public static readonly RelatedComparer Instance = new();

        public int Compare(Related x, Related y)
        {
            var c = x.Hash.AsSpan().SequenceCompareTo(y.Hash);
            return c != 0 ? c : x.Sequence.CompareTo(y.Sequence);
        }
    }

    private readonly struct ResultByHash((byte[] Hash, IdentifierIssuer Issuer)[] results) : IComparer<int>
    {
        public int Compare(int x, int y)
        {
            var c = results[x].Hash.AsSpan().SequenceCompareTo(results[y].Hash);
            return c != 0 ? c : x.CompareTo(y);
        }
    }

    private readonly record struct Slice(int Start, int Length);

    private readonly struct SliceComparer(byte[] buffer) : IComparer<Slice>
    {
        public int Compare(Slice x, Slice y) =>
            buffer.AsSpan(x.Start, x.Length).SequenceCompareTo(buffer.AsSpan(y.Start, y.Length));
    }
}
