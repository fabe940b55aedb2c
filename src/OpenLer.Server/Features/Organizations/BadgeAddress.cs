using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Organizations;

/// <summary>
/// Where a program's badge image is published: <c>{BaseUrl}/orgs/{slug}/programs/{programId}/badge</c>, beside the
/// achievement's own id (<c>/orgs/{slug}/programs/{programId}</c>), so issued credentials can name it as
/// <c>achievement.image</c> (OB 3.0 §B.1.1, an Image with an absolute id).
/// </summary>
public static class BadgeAddress
{
    public static string Path(string slug, Guid programId) => $"{OrganizationAddresses.Root}/{Uri.EscapeDataString(slug)}/programs/{programId:D}/badge";

    public static string Url(DeploymentOptions options, string slug, Guid programId)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.BaseUrl + Path(slug, programId);
    }

    /// <summary>
    /// The path of an image address when it is one of this server's badge addresses, for pages to show it (the page CSP
    /// allows images of this origin only); null for any other address, so a credential never makes a page load something
    /// from elsewhere.
    /// </summary>
    public static string? LocalPath(DeploymentOptions options, string? imageUrl)
    {
        ArgumentNullException.ThrowIfNull(options);
        var prefix = options.BaseUrl + OrganizationAddresses.Root + "/";
        if (imageUrl is null || !imageUrl.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = imageUrl[prefix.Length..].Split('/');
        return parts is [var slug, "programs", var id, "badge"] && slug.Length > 0 && !slug.Contains('%', StringComparison.Ordinal) && Guid.TryParseExact(id, "D", out var programId)
            ? Path(slug, programId)
            : null;
    }
}
