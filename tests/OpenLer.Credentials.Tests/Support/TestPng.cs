using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace OpenLer.Credentials.Tests.Support;

/// <summary>
/// Writes small PNG images for tests with its own CRC-32 (bit by bit, not the library's table), so a wrong CRC in the
/// library cannot hide behind the same code in the test.
/// </summary>
internal static class TestPng
{
    /// <summary>An 8-bit RGB image of one colour, non-interlaced or (with <paramref name="interlaced"/>) Adam7.</summary>
    public static byte[] Solid(int width, int height, byte r, byte g, byte b, bool interlaced = false)
    {
        using var raw = new MemoryStream();
        void Rows(int w, int h)
        {
            for (var y = 0; y < h; y++)
            {
                raw.WriteByte(0);
                for (var x = 0; x < w; x++)
                {
                    raw.Write([r, g, b]);
                }
            }
        }

        if (interlaced)
        {
            foreach (var (x0, y0, dx, dy) in new[] { (0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2) })
            {
                var w = width > x0 ? (width - x0 + dx - 1) / dx : 0;
                var h = height > y0 ? (height - y0 + dy - 1) / dy : 0;
                if (w > 0)
                {
                    Rows(w, h);
                }
            }
        }
        else
        {
            Rows(width, height);
        }

        using var z = new MemoryStream();
        using (var zlib = new ZLibStream(z, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(raw.ToArray());
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 2;
        header[12] = interlaced ? (byte)1 : (byte)0;
        return [0x89, .. "PNG\r\n\u001a\n"u8, .. Chunk("IHDR", header), .. Chunk("IDAT", z.ToArray()), .. Chunk("IEND", [])];
    }

    public static byte[] Chunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    /// <summary>CRC-32 as PNG 1.2 Annex D describes it, one bit at a time.</summary>
    public static uint Crc(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var value in bytes)
        {
            crc ^= value;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }

    /// <summary>Every chunk of a PNG: type, data, stored CRC.</summary>
    public static List<(string Type, byte[] Data, uint Crc)> Chunks(byte[] png)
    {
        var list = new List<(string, byte[], uint)>();
        for (var at = 8; at + 12 <= png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            list.Add((Encoding.ASCII.GetString(png, at + 4, 4), png[(at + 8)..(at + 8 + length)], BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length))));
            at += 12 + length;
        }

        return list;
    }
}
