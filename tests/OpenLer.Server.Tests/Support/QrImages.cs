using StbImageSharp;
using ZXing;
using ZXing.Common;

namespace OpenLer.Server.Tests.Support;

/// <summary>Reads QR codes back from images (PNG and other formats stb_image reads), with ZXing's QR reader.</summary>
public static class QrImages
{
    /// <summary>The text of the QR code in <paramref name="image"/>, or null when none is found.</summary>
    public static string? Decode(byte[] image)
    {
        var decoded = ImageResult.FromMemory(image, ColorComponents.RedGreenBlueAlpha);
        return Decode(decoded.Data, decoded.Width, decoded.Height, RGBLuminanceSource.BitmapFormat.RGBA32);
    }

    /// <summary>The text of the QR code in raw pixels of the given format, or null when none is found.</summary>
    public static string? Decode(byte[] pixels, int width, int height, RGBLuminanceSource.BitmapFormat format)
    {
        var reader = new BarcodeReaderGeneric
        {
            AutoRotate = false,
            Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true },
        };
        return reader.Decode(new RGBLuminanceSource(pixels, width, height, format))?.Text;
    }

    /// <summary>The text of the QR code in a <c>data:image/png;base64,</c> URI.</summary>
    public static string? DecodeDataUri(string? dataUri)
    {
        const string prefix = "data:image/png;base64,";
        Assert.NotNull(dataUri);
        Assert.StartsWith(prefix, dataUri, StringComparison.Ordinal);
        return Decode(Convert.FromBase64String(dataUri[prefix.Length..]));
    }
}
