using System.Text;
using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.Rdf;

/// <summary>
/// Serializes quads as N-Quads in canonical N-Quads form (RDFC-1.0 Appendix A): one quad per line, single spaces,
/// each line ending in U+000A, canonical escapes in literals. Quads are written in the order given (not sorted):
/// use <see cref="RdfCanonicalizer"/> for the canonical, sorted and relabeled document.
/// </summary>
public static class NQuadsSerializer
{
    /// <summary>Serializes every quad of <paramref name="dataset"/> in its order.</summary>
    public static Outcome<string> Serialize(RdfDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        using var buffer = new ByteBuffer(dataset.Count * 128);
        foreach (var quad in dataset.Quads)
        {
            if (!TryWriteQuad(buffer, quad, out var error))
            {
                return error;
            }
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Serializes one quad, including its terminating new line.</summary>
    public static Outcome<string> Serialize(Quad quad)
    {
        using var buffer = new ByteBuffer(256);
        return TryWriteQuad(buffer, quad, out var error)
            ? Encoding.UTF8.GetString(buffer.WrittenSpan)
            : error;
    }

    private static bool TryWriteQuad(ByteBuffer buffer, in Quad quad, out CredentialError error)
    {
        var shape = RdfValidation.CheckQuad(quad);
        if (shape is not null)
        {
            error = new CredentialError(ErrorCodes.InvalidRdfDataset, shape);
            return false;
        }

        var ok = NQuadsWriter.TryWriteTerm(buffer, quad.Subject);
        buffer.Append((byte)' ');
        ok &= NQuadsWriter.TryWriteTerm(buffer, quad.Predicate);
        buffer.Append((byte)' ');
        ok &= NQuadsWriter.TryWriteTerm(buffer, quad.Object);
        if (!quad.Graph.IsDefaultGraph)
        {
            buffer.Append((byte)' ');
            ok &= NQuadsWriter.TryWriteTerm(buffer, quad.Graph);
        }

        buffer.Append(" .\n"u8);
        error = ok ? null! : new CredentialError(ErrorCodes.InvalidRdfDataset, "A term holds an unpaired UTF-16 surrogate and has no UTF-8 form.");
        return ok;
    }
}
