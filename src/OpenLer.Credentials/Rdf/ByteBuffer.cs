using System.Buffers;
using System.Text.Unicode;

namespace OpenLer.Credentials.Rdf;

/// <summary>A growable byte buffer on pooled arrays, for building N-Quads lines and hash inputs without string concatenation.</summary>
internal sealed class ByteBuffer : IDisposable
{
    private byte[] _buffer;

    public ByteBuffer(int capacity = 1024) => _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 16));

    public int Length { get; private set; }

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, Length);

    /// <summary>The underlying array; valid until the next append (which may grow it).</summary>
    public byte[] RawBuffer => _buffer;

    public ReadOnlySpan<byte> Slice(int start, int length) => _buffer.AsSpan(start, length);

    public void Clear() => Length = 0;

    public void Truncate(int length) => Length = length;

    public void Append(byte value)
    {
        if (Length == _buffer.Length)
        {
            Grow(1);
        }

        _buffer[Length++] = value;
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (Length + bytes.Length > _buffer.Length)
        {
            Grow(bytes.Length);
        }

        bytes.CopyTo(_buffer.AsSpan(Length));
        Length += bytes.Length;
    }

    /// <summary>Appends <paramref name="value"/> in decimal.</summary>
    public void AppendDecimal(int value)
    {
        if (Length + 11 > _buffer.Length)
        {
            Grow(11);
        }

        value.TryFormat(_buffer.AsSpan(Length), out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        Length += written;
    }

    /// <summary>Appends the UTF-8 encoding of <paramref name="text"/>; false if it holds an unpaired surrogate.</summary>
    public bool AppendUtf8(ReadOnlySpan<char> text)
    {
        var max = checked(text.Length * 3);
        if (Length + max > _buffer.Length)
        {
            Grow(max);
        }

        var status = Utf8.FromUtf16(text, _buffer.AsSpan(Length), out _, out var written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done)
        {
            return false;
        }

        Length += written;
        return true;
    }

    private void Grow(int extra)
    {
        var size = Math.Max(checked(Length + extra), checked(_buffer.Length * 2));
        var bigger = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, Length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        Length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
