namespace OpenLer.Server.Features.Messaging;

/// <summary>The names of the values a template fills in (<see cref="OutgoingMessage.Values"/>).</summary>
public static class MessageValues
{
    /// <summary>A one-time code (sign-in, invitation).</summary>
    public const string Code = "code";

    /// <summary>The organization's name as the person knows it.</summary>
    public const string Organization = "organization";

    /// <summary>An absolute https link into OpenLER (the wallet, the sign-in page).</summary>
    public const string Link = "link";

    /// <summary>The credential's (program's) name.</summary>
    public const string Credential = "credential";

    /// <summary>The label the person gave a share link.</summary>
    public const string Label = "label";
}
