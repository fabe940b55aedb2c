using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.OpenBadges;
using OpenLer.Credentials.Verification;

namespace OpenLer.Credentials.Tests.Security;

/// <summary>
/// docs/security.md WA-03 (ASVS 5.2.1, 5.2.3): hostile baked badges given to the verifier. A compressed iTXt credential
/// that inflates to 200 MiB stops at the credential limit (allocations counted); a zTXt chunk (not where OB 3.0 bakes) is never inflated; an
/// image over the size cap is refused before its chunks are read; an SVG's external entities are never resolved (no
/// file read, no request: a loopback honeypot counts zero).
/// </summary>
public sealed class BakedBadgeAttackTests
{
    /// <summary>A 1×1 RGB PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP438AAAAQBAYDFKhhdAAAAAElFTkSuQmCC");

    private static readonly CredentialVerifier Verifier = new();

    /// <summary><paramref name="megabytes"/> MiB of '{' compressed with zlib (about a thousandth of the size).</summary>
    private static byte[] Bomb(int megabytes)
    {
        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            var block = Enumerable.Repeat((byte)'{', 1024 * 1024).ToArray();
            for (var i = 0; i < megabytes; i++)
            {
                z.Write(block);
            }
        }

        return compressed.ToArray();
    }

    /// <summary>The PNG with one more chunk before IEND (CRC left zero: the reader does not need it).</summary>
    private static byte[] WithChunk(byte[] png, string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        return [.. png[..^12], .. chunk, .. png[^12..]];
    }

    [Fact]
    public async Task Wa03_CompressedITxtThatInflatesToTwoHundredMebibytes_StopsAtTheCredentialLimit()
    {
        var bomb = Bomb(200);
        Assert.True(bomb.Length < 1024 * 1024, $"{bomb.Length} compressed bytes");
        byte[] itxt = [.. Encoding.ASCII.GetBytes(BakedBadge.PngKeyword), 0, 1, 0, 0, 0, .. bomb];

        // Inflating stops at the limit: the call allocates a few MiB, not the 200 MiB the bomb holds.
        var png = WithChunk(Png, "iTXt", itxt);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var direct = BakedBadge.ExtractFromPng(png, 1024 * 1024);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(ErrorCodes.DocumentTooLarge, direct.Error?.Code);
        Assert.True(allocated < 16L * 1024 * 1024, $"{allocated} bytes allocated");

        var result = await Verifier.VerifyAsync(WithChunk(Png, "iTXt", itxt), TestContext.Current.CancellationToken);
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.DocumentTooLarge, result.FirstProblem!.Code);
    }

    [Fact]
    public async Task Wa03_ZTxtBombUnderTheBadgeKeyword_IsNeverInflated()
    {
        // zTXt: keyword, NUL, compression method, compressed text. OB 3.0 bakes in iTXt only, so this is not a credential.
        byte[] ztxt = [.. Encoding.ASCII.GetBytes(BakedBadge.PngKeyword), 0, 0, .. Bomb(200)];
        var result = await Verifier.VerifyAsync(WithChunk(Png, "zTXt", ztxt), TestContext.Current.CancellationToken);
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.UnrecognizedFormat, result.FirstProblem!.Code);
    }

    [Fact]
    public async Task Wa03_ImageOverTheSizeCap_IsRefusedBeforeItsChunksAreRead()
    {
        byte[] itxt = [.. Encoding.ASCII.GetBytes(BakedBadge.PngKeyword), 0, 0, 0, 0, 0, .. new byte[BakedBadge.MaxImageBytes]];
        var result = await Verifier.VerifyAsync(WithChunk(Png, "iTXt", itxt), TestContext.Current.CancellationToken);
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.DocumentTooLarge, result.FirstProblem!.Code);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("honeypot")]
    public async Task Wa03_SvgExternalEntity_IsNeverResolved(string target)
    {
        using var honeypot = new LoopbackHoneypot("root:x:0:0:root:/root:/bin/bash");
        var system = target == "honeypot" ? honeypot.Url("/entity") : target;
        var svg = $"""
            <?xml version="1.0"?>
            <!DOCTYPE svg [<!ENTITY e SYSTEM "{system}">]>
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><openbadges:credential>&e;</openbadges:credential></svg>
            """;

        var result = await Verifier.VerifyAsync(Encoding.UTF8.GetBytes(svg), TestContext.Current.CancellationToken);
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.MalformedValue, result.FirstProblem!.Code);
        Assert.DoesNotContain("root:", result.FirstProblem.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, honeypot.Hits);
    }
}
