using System.Text;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.OpenBadges;
using OpenLer.Credentials.Tests.Support;

namespace OpenLer.Credentials.Tests.OpenBadges;

/// <summary>Baking and unbaking (OB 3.0 §5.3) and the PNG checks uploaded badge images pass before they are stored or baked.</summary>
public sealed class BadgeBakingTests
{
    private const string Credential = """{"@context":["https://www.w3.org/ns/credentials/v2"],"name":"Job Readiness — جاهزية العمل ]]> <x>"}""";

    [Fact]
    public void Png_round_trip_gives_back_exactly_the_baked_text_in_an_uncompressed_itxt_chunk_before_iend()
    {
        var png = TestPng.Solid(5, 3, 200, 10, 10);
        var baked = BakedBadge.BakePng(png, Credential).Value!;

        Assert.Equal(Credential, BakedBadge.ExtractFromPng(baked, 1024 * 1024).Value);
        var chunks = TestPng.Chunks(baked);
        Assert.Equal(["IHDR", "IDAT", "iTXt", "IEND"], chunks.Select(c => c.Type));
        var text = chunks[2].Data;
        var keyword = Encoding.ASCII.GetBytes("openbadgecredential\0");
        Assert.Equal(keyword, text[..keyword.Length]);
        Assert.Equal(0, text[keyword.Length]); // compression flag: not compressed
        Assert.Equal(Credential, Encoding.UTF8.GetString(text[(keyword.Length + 4)..]));
        Assert.True(PngImage.Inspect(baked, 1024 * 1024, 64).IsSuccess, "a baked badge is still a readable PNG");
    }

    [Fact]
    public void Every_chunk_crc_of_a_baked_png_matches_an_independent_crc()
    {
        var baked = BakedBadge.BakePng(TestPng.Solid(2, 2, 0, 0, 255), Credential).Value!;
        foreach (var (type, data, crc) in TestPng.Chunks(baked))
        {
            Assert.Equal(TestPng.Crc([.. Encoding.ASCII.GetBytes(type), .. data]), crc);
        }

        // The CRC every PNG's IEND carries (PNG 1.2 §11.2.5: an empty chunk), from the library's table.
        Assert.Equal(0xAE426082u, PngCrc.Compute("IEND"u8));
    }

    [Fact]
    public void Baking_refuses_what_is_not_a_png()
    {
        Assert.Equal(ErrorCodes.UnrecognizedFormat, BakedBadge.BakePng("GIF89a not a png at all"u8, Credential).Error!.Code);
        Assert.Equal(ErrorCodes.UnrecognizedFormat, BakedBadge.BakePng([], Credential).Error!.Code);
    }

    [Fact]
    public void Baking_refuses_a_png_that_already_carries_a_credential()
    {
        var once = BakedBadge.BakePng(TestPng.Solid(1, 1, 1, 2, 3), Credential).Value!;
        var again = BakedBadge.BakePng(once, Credential);
        Assert.False(again.IsSuccess);
        Assert.Equal(ErrorCodes.MalformedValue, again.Error!.Code);
    }

    [Fact]
    public void Svg_baking_puts_the_credential_right_after_the_opening_svg_tag_and_reads_it_back()
    {
        const string svg = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>""";
        var baked = BakedBadge.BakeSvg(svg, Credential);

        Assert.StartsWith("""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><openbadges:credential><![CDATA[""", baked, StringComparison.Ordinal);
        Assert.Equal(Credential, BakedBadge.ExtractFromSvg(baked, 1024 * 1024).Value);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Inspect_reads_a_whole_png(bool interlaced)
    {
        var info = PngImage.Inspect(TestPng.Solid(37, 11, 9, 8, 7, interlaced), 1024 * 1024, 64);
        Assert.True(info.IsSuccess, info.Error?.Message);
        Assert.Equal(new PngInfo(37, 11), info.Value);
    }

    [Fact]
    public void Inspect_refuses_random_bytes_text_and_an_empty_file_as_not_a_png()
    {
        var random = new byte[4096];
        System.Security.Cryptography.RandomNumberGenerator.Fill(random);
        random[0] = 0; // never the PNG signature by chance
        Assert.Equal(ErrorCodes.UnrecognizedFormat, PngImage.Inspect(random, 1024 * 1024, 64).Error!.Code);
        Assert.Equal(ErrorCodes.UnrecognizedFormat, PngImage.Inspect("hello, I am a text file called badge.png\n"u8, 1024 * 1024, 64).Error!.Code);
        Assert.Equal(ErrorCodes.UnrecognizedFormat, PngImage.Inspect([], 1024 * 1024, 64).Error!.Code);
    }

    [Fact]
    public void Inspect_refuses_a_truncated_png_a_flipped_bit_and_bytes_after_iend()
    {
        var png = TestPng.Solid(16, 16, 1, 2, 3);
        for (var cut = 9; cut < png.Length; cut += 7)
        {
            Assert.Equal(ErrorCodes.MalformedValue, PngImage.Inspect(png.AsSpan(0, cut), 1024 * 1024, 64).Error!.Code);
        }

        var flipped = (byte[])png.Clone();
        flipped[40] ^= 0x10; // inside the image data: the CRC no longer matches
        Assert.Equal(ErrorCodes.MalformedValue, PngImage.Inspect(flipped, 1024 * 1024, 64).Error!.Code);
        Assert.Equal(ErrorCodes.MalformedValue, PngImage.Inspect([.. png, 0, 0, 0], 1024 * 1024, 64).Error!.Code);
    }

    [Fact]
    public void Inspect_refuses_image_data_that_does_not_match_the_header_even_with_right_crcs()
    {
        // The header of a 16×16 image with the data of an 8×8 one: every CRC is right, the pixels are missing.
        var small = TestPng.Chunks(TestPng.Solid(8, 8, 1, 2, 3));
        var big = TestPng.Chunks(TestPng.Solid(16, 16, 1, 2, 3));
        byte[] mixed = [0x89, .. "PNG\r\n\u001a\n"u8, .. TestPng.Chunk("IHDR", big[0].Data), .. TestPng.Chunk("IDAT", small[1].Data), .. TestPng.Chunk("IEND", [])];
        Assert.Equal(ErrorCodes.MalformedValue, PngImage.Inspect(mixed, 1024 * 1024, 64).Error!.Code);

        // A row filter type PNG does not define (7).
        var bad = new MemoryStream();
        using (var z = new System.IO.Compression.ZLibStream(bad, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            z.Write([7, 1, 2, 3]);
        }

        var header = big[0].Data.ToArray();
        header[3] = 1;
        header[7] = 1;
        byte[] filter = [0x89, .. "PNG\r\n\u001a\n"u8, .. TestPng.Chunk("IHDR", header), .. TestPng.Chunk("IDAT", bad.ToArray()), .. TestPng.Chunk("IEND", [])];
        Assert.Equal(ErrorCodes.MalformedValue, PngImage.Inspect(filter, 1024 * 1024, 64).Error!.Code);
    }

    [Fact]
    public void Inspect_refuses_too_many_bytes_or_pixels_as_too_large()
    {
        var png = TestPng.Solid(65, 2, 1, 2, 3);
        Assert.Equal(ErrorCodes.DocumentTooLarge, PngImage.Inspect(png, png.Length - 1, 1000).Error!.Code);
        Assert.Equal(ErrorCodes.DocumentTooLarge, PngImage.Inspect(png, 1024 * 1024, 64).Error!.Code);
    }
}
