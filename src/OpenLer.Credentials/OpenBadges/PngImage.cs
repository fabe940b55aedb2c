using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using OpenLer.Credentials.Common;

namespace OpenLer.Credentials.OpenBadges;

/// <summary>
/// Checks that bytes are a whole, readable PNG image before anyone stores or bakes it (uploaded badge images are hostile
/// input): the signature, every chunk's length and CRC (PNG 1.2 §3.2, §3.4), a valid IHDR first (§4.1.1: size, bit depth
/// for the colour type, compression, filter and interlace methods), PLTE before the data for palette images, the image
/// data inflated in full and exactly as long as the header says, with a known filter type on every row (§6, §9), and
/// IEND last. Nothing is ever thrown for bad input; the answer is an error code and a reason.
/// </summary>
public static class PngImage
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The seven Adam7 passes: start column, start row, column step, row step (PNG 1.2 §8.2).</summary>
    private static readonly (int X, int Y, int Dx, int Dy)[] Adam7 =
        [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];

    /// <summary>
    /// The image's size when <paramref name="png"/> is a readable PNG of at most <paramref name="maxBytes"/> bytes and
    /// <paramref name="maxSide"/> pixels a side. Errors: <see cref="ErrorCodes.DocumentTooLarge"/> (bytes or pixels),
    /// <see cref="ErrorCodes.UnrecognizedFormat"/> (not a PNG), <see cref="ErrorCodes.MalformedValue"/> (damaged).
    /// </summary>
    public static Outcome<PngInfo> Inspect(ReadOnlySpan<byte> png, int maxBytes, int maxSide)
    {
        if (png.Length > maxBytes)
        {
            return Outcome.Error(ErrorCodes.DocumentTooLarge, $"The image is larger than {maxBytes} bytes.");
        }

        if (!png.StartsWith(Signature))
        {
            return Outcome.Error(ErrorCodes.UnrecognizedFormat, "Not a PNG image.");
        }

        var at = Signature.Length;
        Header? header = null;
        var palette = false;
        var dataSeen = false;
        var dataEnded = false;
        using var data = new MemoryStream();
        while (true)
        {
            if (at + 12 > png.Length)
            {
                return Damaged("The PNG image is truncated.");
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(png[at..]);
            if (length > (uint)(png.Length - at - 12))
            {
                return Damaged("The PNG image is truncated or a chunk length is wrong.");
            }

            var typeBytes = png.Slice(at + 4, 4);
            var body = png.Slice(at + 8, (int)length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png[(at + 8 + (int)length)..]);
            if (crc != PngCrc.Compute(png.Slice(at + 4, 4 + (int)length)))
            {
                return Damaged("A PNG chunk's CRC does not match its content.");
            }

            foreach (var b in typeBytes)
            {
                if (b is not (>= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z'))
                {
                    return Damaged("A PNG chunk type is not four letters.");
                }
            }

            var type = Encoding.ASCII.GetString(typeBytes);
            at += 12 + (int)length;
            if (header is null)
            {
                if (type != "IHDR")
                {
                    return Damaged("The PNG image does not start with its header (IHDR).");
                }

                var read = ReadHeader(body, maxSide);
                if (!read.IsSuccess)
                {
                    return read.Error;
                }

                header = read.Value;
                continue;
            }

            switch (type)
            {
                case "IHDR":
                    return Damaged("The PNG image has two headers.");
                case "PLTE":
                    if (dataSeen || palette || length == 0 || length % 3 != 0 || length > 768)
                    {
                        return Damaged("The PNG palette is malformed or misplaced.");
                    }

                    palette = true;
                    break;
                case "IDAT":
                    if (dataEnded)
                    {
                        return Damaged("The PNG image data is split by other chunks.");
                    }

                    dataSeen = true;
                    data.Write(body);
                    break;
                case "IEND":
                    if (at != png.Length)
                    {
                        return Damaged("The PNG image has bytes after its end (IEND).");
                    }

                    if (!dataSeen)
                    {
                        return Damaged("The PNG image has no image data.");
                    }

                    if (header.ColourType == 3 && !palette)
                    {
                        return Damaged("The PNG palette image has no palette.");
                    }

                    return CheckData(data.ToArray(), header)
                        ? new PngInfo(header.Width, header.Height)
                        : Damaged("The PNG image data is corrupt or does not match the header.");
                default:
                    // A critical chunk this reader does not know cannot be skipped (PNG 1.2 §5.4: an upper-case first letter).
                    if (char.IsUpper(type[0]))
                    {
                        return Damaged("The PNG image has an unknown critical chunk.");
                    }

                    dataEnded |= dataSeen;
                    break;
            }
        }
    }

    private sealed record Header(int Width, int Height, int BitDepth, int ColourType, bool Interlaced)
    {
        public int BitsPerPixel => BitDepth * ColourType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, _ => 4 };

        public long RowBytes(int width) => ((long)width * BitsPerPixel + 7) / 8;
    }

    private static Outcome<Header> ReadHeader(ReadOnlySpan<byte> body, int maxSide)
    {
        if (body.Length != 13)
        {
            return Outcome.Error(ErrorCodes.MalformedValue, "The PNG header (IHDR) has the wrong length.");
        }

        var width = BinaryPrimitives.ReadUInt32BigEndian(body);
        var height = BinaryPrimitives.ReadUInt32BigEndian(body[4..]);
        if (width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue)
        {
            return Outcome.Error(ErrorCodes.MalformedValue, "The PNG image has no pixels.");
        }

        if (width > (uint)maxSide || height > (uint)maxSide)
        {
            return Outcome.Error(ErrorCodes.DocumentTooLarge, $"The image is larger than {maxSide} pixels a side.");
        }

        int depth = body[8], colour = body[9];
        var valid = colour switch
        {
            0 => depth is 1 or 2 or 4 or 8 or 16,
            3 => depth is 1 or 2 or 4 or 8,
            2 or 4 or 6 => depth is 8 or 16,
            _ => false,
        };
        if (!valid || body[10] != 0 || body[11] != 0 || body[12] > 1)
        {
            return Outcome.Error(ErrorCodes.MalformedValue, "The PNG header (IHDR) holds values PNG does not allow.");
        }

        return new Header((int)width, (int)height, depth, colour, body[12] == 1);
    }

    /// <summary>Inflates the zlib stream (PNG 1.2 §10) and checks its length, and each row's filter type (0-4, §9.2).</summary>
    private static bool CheckData(byte[] zlib, Header header)
    {
        var rows = new List<long>();
        if (header.Interlaced)
        {
            foreach (var (x, y, dx, dy) in Adam7)
            {
                var w = header.Width > x ? (header.Width - x + dx - 1) / dx : 0;
                var h = header.Height > y ? (header.Height - y + dy - 1) / dy : 0;
                if (w > 0)
                {
                    rows.AddRange(Enumerable.Repeat(1 + header.RowBytes(w), h));
                }
            }
        }
        else
        {
            rows.AddRange(Enumerable.Repeat(1 + header.RowBytes(header.Width), header.Height));
        }

        try
        {
            using var input = new ZLibStream(new MemoryStream(zlib), CompressionMode.Decompress);
            var buffer = new byte[64 * 1024];
            var row = 0;
            var leftInRow = rows[0];
            int read;
            while ((read = input.Read(buffer)) > 0)
            {
                for (var i = 0; i < read;)
                {
                    if (row >= rows.Count)
                    {
                        return false; // more data than the header allows
                    }

                    if (leftInRow == rows[row] && buffer[i] > 4)
                    {
                        return false;
                    }

                    var take = (int)Math.Min(leftInRow, read - i);
                    i += take;
                    leftInRow -= take;
                    if (leftInRow == 0 && ++row < rows.Count)
                    {
                        leftInRow = rows[row];
                    }
                }
            }

            return row == rows.Count;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    private static Outcome<PngInfo> Damaged(string reason) => Outcome.Error(ErrorCodes.MalformedValue, reason);
}
