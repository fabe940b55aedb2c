using System.Text.RegularExpressions;

namespace OpenLer.Server.Features.Verify;

/// <summary>
/// Text pasted on the Verify page that is a link rather than a credential: this deployment's share link (<c>/s/TOKEN</c>, or
/// the bare token) opens that share; any other web address is refused and never fetched (the verifier uses no network).
/// </summary>
public static partial class PastedLink
{
    /// <summary>
    /// Reads <paramref name="text"/>; a share's token comes back in <paramref name="token"/>. <paramref name="origins"/> are
    /// this deployment's own origins (its public base URL and the host the request came to).
    /// </summary>
    public static PastedLinkKind Read(string text, IEnumerable<Uri> origins, out string? token)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(origins);
        token = null;
        var trimmed = text.Trim();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            return PastedLinkKind.NotALink;
        }

        if (TokenPattern().IsMatch(trimmed))
        {
            token = trimmed;
            return PastedLinkKind.Share;
        }

        var withScheme = trimmed.Contains("://", StringComparison.Ordinal) ? trimmed : null;
        if (withScheme is null && !trimmed.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            return PastedLinkKind.NotALink;
        }

        if (trimmed.Any(char.IsWhiteSpace) || !Uri.TryCreate(withScheme ?? "https://" + trimmed, UriKind.Absolute, out var uri))
        {
            return PastedLinkKind.Foreign;
        }

        var own = origins.Any(o => (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && string.Equals(o.Host, uri.Host, StringComparison.OrdinalIgnoreCase) && o.Port == uri.Port);
        var path = SharePath().Match(uri.AbsolutePath);
        if (own && path.Success)
        {
            token = path.Groups["token"].Value;
            return PastedLinkKind.Share;
        }

        return PastedLinkKind.Foreign;
    }

    /// <summary>A share token: 32 random bytes in base64url (43 characters; ShareTokens), with some room for other lengths.</summary>
    [GeneratedRegex("^[A-Za-z0-9_-]{32,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();

    [GeneratedRegex("^/s/(?<token>[A-Za-z0-9_-]{32,64})/?$", RegexOptions.CultureInvariant)]
    private static partial Regex SharePath();
}
