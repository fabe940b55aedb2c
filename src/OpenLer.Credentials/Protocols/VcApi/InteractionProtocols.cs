using System.Text.Json.Nodes;

namespace OpenLer.Credentials.Protocols.VcApi;

/// <summary>
/// The answer to <c>GET</c> of an interaction URL with <c>Accept: application/json</c> (VCALM "Interaction Protocols
/// Response"): <c>{"protocols": {...}}</c> mapping protocol identifiers to URLs. <c>vcapi</c> is the exchange URL (the DCC
/// Learner Credential Wallet reads it); the OpenID4VCI offer goes under the versioned <c>oid4vci-1.0</c> and, for peers that
/// still read it, the deprecated unversioned <c>OID4VCI</c>; likewise <c>oid4vp-1.0</c> / <c>OID4VP</c>.
/// </summary>
public static class InteractionProtocols
{
    public const string VcApi = "vcapi";
    public const string Oid4Vci = "oid4vci-1.0";
    public const string Oid4VciLegacy = "OID4VCI";
    public const string Oid4Vp = "oid4vp-1.0";
    public const string Oid4VpLegacy = "OID4VP";

    /// <summary>The interaction URL version query parameter (<c>iuv=1</c>).</summary>
    public const string VersionParameter = "iuv=1";

    public static JsonObject Build(string? exchangeUrl, string? credentialOfferUri = null, string? presentationRequestUri = null)
    {
        var protocols = new JsonObject();
        if (exchangeUrl is not null)
        {
            protocols[VcApi] = exchangeUrl;
        }

        if (credentialOfferUri is not null)
        {
            protocols[Oid4Vci] = credentialOfferUri;
            protocols[Oid4VciLegacy] = credentialOfferUri;
        }

        if (presentationRequestUri is not null)
        {
            protocols[Oid4Vp] = presentationRequestUri;
            protocols[Oid4VpLegacy] = presentationRequestUri;
        }

        if (protocols.Count == 0)
        {
            throw new ArgumentException("An interaction offers at least one protocol.");
        }

        return new JsonObject { ["protocols"] = protocols };
    }

    /// <summary>An interaction URL: <paramref name="url"/> with <c>iuv=1</c> (VCALM "Interaction URL Format").</summary>
    public static string InteractionUrl(string url)
    {
        ArgumentException.ThrowIfNullOrEmpty(url);
        return url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + VersionParameter;
    }
}
