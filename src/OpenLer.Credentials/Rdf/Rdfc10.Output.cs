namespace OpenLer.Credentials.Rdf;

/// <summary>RDFC-1.0 §5 Serialization: canonical N-Quads with canonical identifiers, sorted in code point order.</summary>
internal sealed partial class Rdfc10
{
    private byte[] Serialize(out int distinct)
    {
        var lines = _lines;
        lines.Clear();
        var slices = new Slice[_quadCount];
        for (var q = 0; q < _quadCount; q++)
        {
            Checkpoint(q);
            var start = lines.Length;
            var at = q * 4;
            WriteCanonicalComponent(lines, at);
            lines.Append((byte)' ');
            lines.Append(TermAt(at + 1));
            lines.Append((byte)' ');
            WriteCanonicalComponent(lines, at + 2);
            if (!IsDefaultGraph(q))
            {
                lines.Append((byte)' ');
                WriteCanonicalComponent(lines, at + 3);
            }

            lines.Append(" .\n"u8);
            slices[q] = new Slice(start, lines.Length - start);
        }

        var buffer = lines.RawBuffer;
        slices.AsSpan().Sort(new SliceComparer(buffer));

        var output = new byte[lines.Length];
        var length = 0;
        distinct = 0;
        ReadOnlySpan<byte> previous = default;
        foreach (var slice in slices)
        {
            var line = buffer.AsSpan(slice.Start, slice.Length);
            if (line.SequenceEqual(previous))
            {
                continue; // the canonical form of a set: no duplicate lines
            }

            line.CopyTo(output.AsSpan(length));
            length += line.Length;
            previous = line;
            distinct++;
        }

        return length == output.Length ? output : output.AsSpan(0, length).ToArray();
    }

    private void WriteCanonicalComponent(ByteBuffer output, int slot)
    {
        var component = _quads[slot];
        if (component >= 0)
        {
            output.Append(TermAt(slot));
        }
        else
        {
            output.Append("_:c14n"u8);
            output.AppendDecimal(_canonical[~component]);
        }
    }
}
