using OpenLer.Credentials.Common;
using OpenLer.Credentials.OpenBadges;
using OpenLer.Server.Infrastructure.Localization;

namespace OpenLer.Server.Features.Badges;

/// <summary>
/// The checks an uploaded badge image passes before it is stored. Only PNG is accepted: it is the one raster format Open
/// Badges bakes (OB 3.0 §5.3.1), and SVG is only ever drawn by the server (GeneratedBadge), never taken from an upload,
/// so no uploaded markup, script or external reference is ever served. What decides is the content, read whole
/// (OpenBadges/PngImage): never the file name or the Content-Type the browser sent.
/// </summary>
public static class BadgeUpload
{
    /// <summary>At most 1 MiB: a badge is shown at about 100 pixels.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>At most 2048 pixels a side, which bounds the memory a check inflates to.</summary>
    public const int MaxSide = 2048;

    public const string MediaType = "image/png";

    /// <summary>What is wrong with <paramref name="bytes"/> (a localizer key), or null for a PNG badge that may be stored.</summary>
    public static string? Problem(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return L.Key("Choose an image file to upload.");
        }

        var png = PngImage.Inspect(bytes, MaxBytes, MaxSide);
        return png.IsSuccess
            ? null
            : png.Error!.Code switch
            {
                ErrorCodes.DocumentTooLarge => L.Key("The image is too large. A badge image can be at most 1 MB and 2048 × 2048 pixels."),
                ErrorCodes.UnrecognizedFormat => L.Key("This file is not a PNG image. Upload a PNG image, or choose a colour for a badge made from the program's name."),
                _ => L.Key("This image is damaged or incomplete, so it cannot be read. Save it again as PNG and upload it again."),
            };
    }
}
