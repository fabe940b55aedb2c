namespace OpenLer.Server.Infrastructure.Security;

/// <summary>
/// A request body that refuses to be read past a limit: reading byte <c>limit + 1</c> throws
/// <see cref="TooLargeException"/> (an <see cref="IOException"/>, which form and antiforgery readers expect) and sets
/// <see cref="Exceeded"/>, which <see cref="RequestSizeLimit"/> turns into 413.
/// </summary>
public sealed class LimitedRequestStream(Stream inner, long limit) : Stream
{
    private long _read;

    public bool Exceeded { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Count(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int read)
    {
        _read += read;
        if (_read > limit)
        {
            Exceeded = true;
            throw new TooLargeException(limit);
        }

        return read;
    }

    /// <summary>The body is longer than the limit.</summary>
    internal sealed class TooLargeException(long limit) : IOException($"The request body is larger than {limit} bytes.");
}
