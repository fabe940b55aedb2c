using System.Text;
using OpenLer.Credentials.OpenBadges;

namespace OpenLer.Server.Features.Badges;

/// <summary>A badge image with a credential baked in (OB 3.0 §5.3), as a download.</summary>
public sealed record BakedBadgeFile(byte[] Bytes, string MediaType, string Extension)
{
    /// <summary>
    /// Bakes <paramref name="credential"/> (the signed JSON exactly as the wallet holds it) into <paramref name="image"/>:
    /// a PNG gets an uncompressed <c>openbadgecredential</c> iTXt chunk before IEND (§5.3.1), an SVG an
    /// <c>openbadges:credential</c> element with the JSON in CDATA right after the opening svg tag (§5.3.2).
    /// </summary>
    public static BakedBadgeFile Bake(BadgeImage image, string credential)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!image.Uploaded)
        {
            return new BakedBadgeFile(Encoding.UTF8.GetBytes(BakedBadge.BakeSvg(Encoding.UTF8.GetString(image.Bytes), credential)), GeneratedBadge.MediaType, "svg");
        }

        var baked = BakedBadge.BakePng(image.Bytes, credential);
        return baked.IsSuccess
            ? new BakedBadgeFile(baked.Value!, BadgeUpload.MediaType, "png")
            : throw new InvalidOperationException("A stored badge image could not be baked: " + baked.Error!.Message);
    }
}
