using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Jose;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.OpenBadges;
using OpenLer.Credentials.Tests.Support;
using OpenLer.Credentials.Verification;

namespace OpenLer.Credentials.Tests.Verification;

/// <summary>Baked badges (OB 3.0 §5.3): credentials in PNG iTXt chunks and SVG openbadges:credential elements, baked here.</summary>
public class BakedBadgeTests
{
    /// <summary>A 1×1 RGB PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP438AAAAQBAYDFKhhdAAAAAElFTkSuQmCC");

    private const string Svg = """
        <?xml version="1.0" encoding="utf-8"?>
        <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
        <svg version="1.1" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>
        """;

    private static readonly CredentialVerifier Verifier = new();

    private static Task<VerificationResult> Verify(byte[] image) => Verifier.VerifyAsync(image, TestContext.Current.CancellationToken);

    private static string SignedJson(KeyPair key, string? name = null)
    {
        var credential = TestCredentials.OpenBadge(key.PublicKey.ToDidKey(), name ?? "Workplace Readiness — الاستعداد للعمل");
        return StrictJson.Serialize(TestCredentials.Sign(credential, key, suite: "eddsa-rdfc-2022"));
    }

    [Fact]
    public async Task Png_WithJsonCredential_Verifies()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var baked = BakedBadge.BakePng(Png, SignedJson(key)).Value;
        var result = await Verify(baked);
        Assert.True(result.Verified, result.FirstProblem?.ToString());
    }

    [Fact]
    public async Task Png_WithJwtCredential_Verifies()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var did = key.PublicKey.ToDidKey();
        var jwt = VcJose.Secure(TestCredentials.OpenBadge(did), key, did + "#" + key.PublicKey.ToMultibase());
        var result = await Verify(BakedBadge.BakePng(Png, jwt).Value);
        Assert.True(result.Verified, result.FirstProblem?.ToString());
    }

    [Fact]
    public async Task Png_WithCompressedITxt_Verifies()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(Encoding.UTF8.GetBytes(SignedJson(key)));
        }

        byte[] data = [.. Encoding.ASCII.GetBytes("openbadgecredential"), 0, 1, 0, 0, 0, .. compressed.ToArray()];
        var result = await Verify(InsertChunk(Png, "iTXt", data));
        Assert.True(result.Verified, result.FirstProblem?.ToString());
    }

    [Fact]
    public async Task Png_TamperedCredential_FailsTheProof()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var json = SignedJson(key, "Forklift Operator").Replace("Forklift Operator", "Forklift Trainer", StringComparison.Ordinal);
        var result = await Verify(BakedBadge.BakePng(Png, json).Value);
        Assert.Equal(ErrorCodes.ProofVerification, result[CheckNames.Proof]!.Code);
    }

    [Fact]
    public async Task Png_WithoutCredential_OrTwo_OrTruncated_IsRefusedWithACode()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        Assert.Equal(ErrorCodes.UnrecognizedFormat, (await Verify(Png)).FirstProblem!.Code);

        var once = BakedBadge.BakePng(Png, SignedJson(key)).Value;
        var chunk = once[(Png.Length - 12)..^12]; // baking refuses a baked image, so the second chunk is spliced in by hand
        byte[] twice = [.. once[..^12], .. chunk, .. once[^12..]];
        Assert.False(BakedBadge.BakePng(once, SignedJson(key)).IsSuccess);
        Assert.Equal(ErrorCodes.MalformedValue, (await Verify(twice)).FirstProblem!.Code);

        Assert.Equal(ErrorCodes.MalformedValue, (await Verify(once[..(once.Length - 30)])).FirstProblem!.Code);
    }

    [Fact]
    public async Task Svg_WithJsonAndWithJwt_Verifies()
    {
        using var key = KeyPair.Generate(KeyType.Ed25519);
        var json = BakedBadge.BakeSvg(Svg, SignedJson(key));
        Assert.Contains("<openbadges:credential><![CDATA[", json, StringComparison.Ordinal);
        var result = await Verify(Encoding.UTF8.GetBytes(json));
        Assert.True(result.Verified, result.FirstProblem?.ToString());

        var did = key.PublicKey.ToDidKey();
        var jwt = VcJose.Secure(TestCredentials.OpenBadge(did), key, did + "#" + key.PublicKey.ToMultibase());
        var jwtResult = await Verifier.VerifyAsync(BakedBadge.BakeSvg(Svg, jwt), TestContext.Current.CancellationToken);
        Assert.True(jwtResult.Verified, jwtResult.FirstProblem?.ToString());
    }

    [Fact]
    public async Task Svg_EntityExpansion_IsNotPerformed()
    {
        const string bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><openbadges:credential>&c;</openbadges:credential></svg>
            """;
        var started = DateTime.UtcNow;
        var result = await Verify(Encoding.UTF8.GetBytes(bomb));
        Assert.False(result.Verified);
        Assert.Equal(ErrorCodes.MalformedValue, result.FirstProblem!.Code);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Svg_WithoutCredential_IsRefused()
    {
        var result = await Verify(Encoding.UTF8.GetBytes(Svg));
        Assert.Equal(ErrorCodes.UnrecognizedFormat, result.FirstProblem!.Code);
    }

    private static byte[] InsertChunk(byte[] png, string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        return [.. png[..^12], .. chunk, .. png[^12..]];
    }
}
