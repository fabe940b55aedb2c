using OpenLer.Credentials.Common;
using OpenLer.Credentials.Dids;

namespace OpenLer.Credentials.Protocols.Oid4Vp;

/// <summary>
/// A client identifier with its prefix (OpenID4VP 1.0 §5.9): <c>redirect_uri:</c> (unsigned requests; the original
/// identifier is the response URI) and <c>decentralized_identifier:</c> (requests signed with a key of the DID). Other
/// prefixes are not supported by this wallet and verifier. The full value is the audience of every presentation (§5.9.1).
/// </summary>
public sealed record ClientIdentifier(string Prefix, string Original)
{
    public const string RedirectUri = "redirect_uri";
    public const string DecentralizedIdentifier = "decentralized_identifier";

    /// <summary>The full client identifier, prefix included, as it goes in <c>client_id</c>, KB-JWT <c>aud</c> and VP <c>domain</c>.</summary>
    public string Value => Prefix + ":" + Original;

    public bool RequiresSignedRequest => Prefix == DecentralizedIdentifier;

    public static ClientIdentifier ForRedirectUri(string responseUri) => new(RedirectUri, responseUri);

    public static ClientIdentifier ForDid(string did)
    {
        if (DidUrl.DidOf(did) != did)
        {
            throw new ArgumentException("Not a DID.", nameof(did));
        }

        return new ClientIdentifier(DecentralizedIdentifier, did);
    }

    public static Outcome<ClientIdentifier> Parse(string? clientId)
    {
        if (string.IsNullOrEmpty(clientId) || clientId.Length > 2048)
        {
            return Outcome.Error(OAuthErrorCodes.InvalidRequest, "client_id is missing or too long.");
        }

        var colon = clientId.IndexOf(':', StringComparison.Ordinal);
        var prefix = colon < 0 ? string.Empty : clientId[..colon];
        var original = colon < 0 ? clientId : clientId[(colon + 1)..];
        return prefix switch
        {
            RedirectUri when Uri.TryCreate(original, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.IsLoopback && uri.Scheme == Uri.UriSchemeHttp)
                => new ClientIdentifier(prefix, original),
            DecentralizedIdentifier when DidUrl.DidOf(original) == original => new ClientIdentifier(prefix, original),
            RedirectUri or DecentralizedIdentifier => Outcome.Error(OAuthErrorCodes.InvalidRequest, $"The client_id does not belong to its prefix {prefix}."),
            _ => Outcome.Error(OAuthErrorCodes.InvalidRequest, "Unsupported client identifier prefix (supported: redirect_uri, decentralized_identifier)."),
        };
    }

    public override string ToString() => Value;
}
