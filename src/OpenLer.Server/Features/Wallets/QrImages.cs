using QRCoder;

namespace OpenLer.Server.Features.Wallets;

/// <summary>QR codes as PNG data URIs (pages carry no script; the image is inline).</summary>
public static class QrImages
{
    public static string DataUri(string text, int pixelsPerModule = 6)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(pixelsPerModule));
    }
}
