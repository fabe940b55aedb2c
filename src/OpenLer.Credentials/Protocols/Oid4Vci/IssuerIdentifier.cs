namespace OpenLer.Credentials.Protocols.Oid4Vci;

/// <summary>
/// The Credential Issuer Identifier (OpenID4VCI 1.0 §12.2.1: an https URL with host, optional port and path, no query or
/// fragment) and the two well-known locations of its metadata.
/// </summary>
public static class IssuerIdentifier
{
    public const string WellKnownSegment = "/.well-known/openid-credential-issuer";

    /// <summary>True for an absolute https URL without query or fragment; <paramref name="allowHttp"/> admits http on loopback (development, tests).</summary>
    public static bool IsValid(string? value, bool allowHttp = false)
    {
        if (value is null || value.Length > 2048 || !Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            return false;
        }

        var schemeOk = uri.Scheme == Uri.UriSchemeHttps || (allowHttp && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback);
        return schemeOk && uri.Query.Length == 0 && uri.Fragment.Length == 0 && !value.Contains('#', StringComparison.Ordinal)
            && !value.Contains('?', StringComparison.Ordinal) && uri.UserInfo.Length == 0;
    }

    /// <summary>1.0 §12.2.2: the well-known string inserted between the host and the path (<c>https://h/.well-known/openid-credential-issuer/tenant</c>).</summary>
    public static string MetadataUrl(string credentialIssuer)
    {
        var uri = new Uri(credentialIssuer, UriKind.Absolute);
        var path = uri.AbsolutePath.TrimEnd('/');
        return uri.GetLeftPart(UriPartial.Authority) + WellKnownSegment + path;
    }

    /// <summary>Draft 13 §11.2.2: the well-known string appended to the identifier, a terminating '/' removed (<c>https://h/tenant/.well-known/openid-credential-issuer</c>).</summary>
    public static string LegacyMetadataUrl(string credentialIssuer)
    {
        ArgumentException.ThrowIfNullOrEmpty(credentialIssuer);
        return credentialIssuer.TrimEnd('/') + WellKnownSegment;
    }

    /// <summary>RFC 8414 §3.1: <c>/.well-known/oauth-authorization-server</c> inserted between the host and the path.</summary>
    public static string AuthorizationServerMetadataUrl(string issuer)
    {
        var uri = new Uri(issuer, UriKind.Absolute);
        return uri.GetLeftPart(UriPartial.Authority) + "/.well-known/oauth-authorization-server" + uri.AbsolutePath.TrimEnd('/');
    }
}
