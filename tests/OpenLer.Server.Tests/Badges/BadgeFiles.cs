using System.Buffers.Binary;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Html.Dom;
using OpenLer.Credentials.OpenBadges;
using OpenLer.Server.Tests.Support;

namespace OpenLer.Server.Tests.Badges;

/// <summary>Images for the badge tests, and the upload a browser sends from the badge form.</summary>
internal static class BadgeFiles
{
    /// <summary>An 8-bit RGB PNG of one colour.</summary>
    public static byte[] Png(int width, int height, byte r = 200, byte g = 40, byte b = 40)
    {
        using var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0);
            for (var x = 0; x < width; x++)
            {
                raw.Write([r, g, b]);
            }
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
        return [0x89, .. "PNG\r\n\u001a\n"u8, .. Chunk("IHDR", header), .. Chunk("IDAT", z.ToArray()), .. Chunk("IEND", [])];
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), PngCrc.Compute(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    /// <summary>Posts a file from the badge page's upload form (its antiforgery token), as a browser would; follows a redirect.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(WebSession staff, IHtmlDocument page, Guid programId, byte[] bytes, string fileName, string contentType)
    {
        var token = (page.QuerySelector("#badge-upload input[name=__RequestVerificationToken]") ?? page.QuerySelector("input[name=__RequestVerificationToken]"))!
            .GetAttribute("value")!;
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "image", fileName);
        return await staff.Client.PostAsync($"/programs/{programId}/badge?handler=upload", form);
    }
}
