using System.Globalization;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Organizations;

/// <summary>
/// The published address of one of an organization's status lists, built and read back in one place:
/// <c>{BaseUrl}/orgs/{slug}/status/{purpose}/{number}</c>, where purpose is <c>revocation</c> (a W3C Bitstring Status List
/// credential) or <see cref="TokenPurpose"/> (an IETF Token Status List token for SD-JWT VCs).
/// </summary>
public sealed record StatusListAddress(string Slug, string Purpose, int Number)
{
    /// <summary>The purpose segment of a Token Status List (draft-ietf-oauth-status-list), whose statuses mean revocation.</summary>
    public const string TokenPurpose = "token";

    public string Url(DeploymentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return $"{options.BaseUrl}{OrganizationAddresses.Root}/{Slug}/status/{Purpose}/{Number.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>The address of a URL this deployment publishes, or null for any other URL.</summary>
    public static StatusListAddress? Parse(DeploymentOptions options, string url)
    {
        ArgumentNullException.ThrowIfNull(options);
        var prefix = options.BaseUrl + OrganizationAddresses.Root + "/";
        if (url is null || !url.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var parts = url[prefix.Length..].Split('/');
        return parts.Length == 4 && parts[1] == "status" && parts[0].Length > 0 && parts[2].Length > 0
            && int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? new StatusListAddress(parts[0], parts[2], number)
            : null;
    }
}
