using Microsoft.Extensions.Options;
using OpenLer.Credentials.Protocols.Oid4Vci;
using OpenLer.Credentials.Protocols.VcApi;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Wallets;

/// <summary>
/// The addresses this feature publishes, built in one place: an organization's Credential Issuer Identifier
/// (<c>{base}/orgs/{slug}</c>, OpenID4VCI 1.0 §12.2.1) and its endpoints, and an offer's interaction URL (<c>{base}/w/{token}</c>
/// with <c>iuv=1</c>), credential offer URL and VC-API exchange URL.
/// </summary>
public sealed class WalletAddresses(IOptions<DeploymentOptions> options)
{
    public const string OfferPathPrefix = "/w/";

    public string BaseUrl => options.Value.BaseUrl;

    public string Issuer(string slug) => $"{BaseUrl}/orgs/{slug}";

    public string TokenEndpoint(string slug) => Issuer(slug) + "/token";

    public string NonceEndpoint(string slug) => Issuer(slug) + "/nonce";

    public string CredentialEndpoint(string slug) => Issuer(slug) + "/credential";

    public string InteractionUrl(string token) => InteractionProtocols.InteractionUrl(BaseUrl + OfferPathPrefix + token);

    public string OfferUrl(string token) => BaseUrl + OfferPathPrefix + token + "/offer";

    public string ExchangeUrl(string token) => BaseUrl + OfferPathPrefix + token + "/exchange";

    /// <summary><c>openid-credential-offer://?credential_offer_uri=…</c> (OpenID4VCI 1.0 §4.1.3).</summary>
    public string OfferUri(string token) => CredentialOffer.ByReference(OfferUrl(token));

    /// <summary>The DCC Learner Credential Wallet's deep link for the same offer.</summary>
    public string DccRequest(string token) => DccRequestLink.Build(new Uri(BaseUrl).GetLeftPart(UriPartial.Authority), ExchangeUrl(token), OfferUri(token));

    /// <summary>The domain a VC-API DID authentication must name (this deployment's origin).</summary>
    public string ExchangeDomain => new Uri(BaseUrl).GetLeftPart(UriPartial.Authority);
}
