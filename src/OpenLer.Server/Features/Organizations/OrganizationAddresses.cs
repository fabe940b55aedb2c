using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Organizations;

/// <summary>
/// The one home of the addresses this deployment publishes for an organization, written and read back here only: its
/// did:web identifier (<c>did:web:{host}:orgs:{slug}</c>, DID Web Method §3.1, resolved at <c>/orgs/{slug}/did.json</c>),
/// its achievements (<c>/orgs/{slug}/programs/{id}</c>) and its status lists (<see cref="StatusListAddress"/>).
/// </summary>
public static class OrganizationAddresses
{
    /// <summary>The path under which every organization's published documents live.</summary>
    public const string Root = "/orgs";

    /// <summary>The route of an organization's did:web document.</summary>
    public const string DidDocumentRoute = Root + "/{slug}/did.json";

    /// <summary>The route of an organization's status lists (<see cref="StatusListAddress"/>).</summary>
    public const string StatusListRoute = Root + "/{slug}/status/{purpose}/{number:int}";

    /// <summary>The organization's did:web identifier; needs <see cref="DeploymentOptions.PublicHost"/>.</summary>
    public static string DidWeb(DeploymentOptions options, string slug)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.PublicHost);
        ArgumentException.ThrowIfNullOrEmpty(slug);
        return Credentials.Dids.DidWeb.For(options.PublicHost.Trim(), Root + "/" + slug);
    }

    /// <summary>
    /// The slug of an organization's did:web identifier of this deployment, or null for any other identifier (another host,
    /// another path, a did:web with a further path segment, or no public host configured).
    /// </summary>
    public static string? SlugOfDidWeb(DeploymentOptions options, string? did)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (did is null || string.IsNullOrWhiteSpace(options.PublicHost))
        {
            return null;
        }

        var prefix = Credentials.Dids.DidWeb.For(options.PublicHost.Trim(), Root) + ":";
        if (!did.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var slug = did[prefix.Length..];
        return slug.Length > 0 && !slug.Contains(':', StringComparison.Ordinal) && !slug.Contains('#', StringComparison.Ordinal) ? slug : null;
    }

    /// <summary>The id of the achievement a program's credentials name (OB 3.0 §B.1.1 Achievement.id).</summary>
    public static string Achievement(DeploymentOptions options, string slug, Guid programId)
    {
        ArgumentNullException.ThrowIfNull(options);
        return $"{options.BaseUrl}{Root}/{slug}/programs/{programId:D}";
    }
}
