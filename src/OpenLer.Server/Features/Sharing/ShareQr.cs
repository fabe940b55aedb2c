using QRCoder;

namespace OpenLer.Server.Features.Sharing;

/// <summary>The QR code of a share link, as a PNG data URI (the CSP allows <c>img-src data:</c>; no request leaves the page).</summary>
public static class ShareQr
{
    /// <summary>
    /// A PNG of <paramref name="link"/> with error correction level M (ISO/IEC 18004 §4.10: about 15 % of the code may be
    /// damaged or covered) and a quiet zone of four modules; <paramref name="pixelsPerModule"/> sets its size.
    /// </summary>
    public static string DataUri(string link, int pixelsPerModule = 8)
    {
        ArgumentException.ThrowIfNullOrEmpty(link);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(pixelsPerModule);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
