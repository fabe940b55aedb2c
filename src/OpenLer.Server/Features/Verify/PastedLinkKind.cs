namespace OpenLer.Server.Features.Verify;

/// <summary>What text pasted on the Verify page is (<see cref="PastedLink"/>).</summary>
public enum PastedLinkKind
{
    /// <summary>Not a link: verify it as a credential.</summary>
    NotALink,

    /// <summary>A share link of this deployment (or its bare token).</summary>
    Share,

    /// <summary>A web address of another site, or a page of this one that is not a share: refused, never fetched.</summary>
    Foreign,
}
