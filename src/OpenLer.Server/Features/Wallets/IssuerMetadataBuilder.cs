using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using OpenLer.Credentials.Protocols.Oid4Vci;
using OpenLer.Credentials.WorkAuthorization;
using OpenLer.Server.Data;
using OpenLer.Server.Infrastructure;

namespace OpenLer.Server.Features.Wallets;

/// <summary>
/// An organization as an OpenID4VCI Credential Issuer (1.0 §12.2.4): its identifier, endpoints, name per locale and the three
/// configurations (Open Badges 3.0 as <c>ldp_vc</c> and <c>jwt_vc_json</c>, the work-authorization <c>dc+sd-jwt</c>), with the
/// display texts in every language of the app. The issuer is its own authorization server (pre-authorized code only).
/// </summary>
public sealed class IssuerMetadataBuilder(AppDbContext db, WalletAddresses addresses)
{
    /// <summary>JOSE algorithms the issuer signs with (its keys are Ed25519).</summary>
    public static IReadOnlyList<string> SigningAlgorithms { get; } = ["EdDSA"];

    public async Task<(Organization Org, CredentialIssuerMetadata Metadata)?> ForAsync(string slug, CancellationToken cancellationToken)
    {
        var org = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == slug, cancellationToken);
        return org is null ? null : (org, Build(org));
    }

    public CredentialIssuerMetadata Build(Organization org)
    {
        ArgumentNullException.ThrowIfNull(org);
        List<CredentialConfiguration> configurations =
        [
            OpenLerCredentialConfigurations.OpenBadgeAsLdpVc(),
            OpenLerCredentialConfigurations.OpenBadgeAsJwtVcJson(SigningAlgorithms),
        ];
        if (WorkAuthorizationVct is { } vct)
        {
            configurations.Add(OpenLerCredentialConfigurations.WorkAuthorization(vct, SigningAlgorithms));
        }

        return new CredentialIssuerMetadata
        {
            CredentialIssuer = addresses.Issuer(org.Slug),
            CredentialEndpoint = addresses.CredentialEndpoint(org.Slug),
            NonceEndpoint = addresses.NonceEndpoint(org.Slug),
            Display = [.. Languages.All.Select(l => new LocalizedName(l.Code, org.Name))],
            Configurations = configurations,
        };
    }

    /// <summary>
    /// The draft 13 rendering at the legacy location (draft 13 §11.2.2), plus the 1.0 nonce endpoint: wallets that read only that
    /// location but send 1.0 requests find their nonce there; draft 13 wallets ignore it and take c_nonce from the token response.
    /// </summary>
    public static JsonObject LegacyJson(CredentialIssuerMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var json = metadata.ToDraft13Json();
        json["nonce_endpoint"] = metadata.NonceEndpoint;
        return json;
    }

    /// <summary>The work-authorization vct under this deployment's domain; null when the deployment has no DNS name (an IP address).</summary>
    public string? WorkAuthorizationVct
    {
        get
        {
            var host = new Uri(addresses.BaseUrl).Host;
            return Uri.CheckHostName(host) == UriHostNameType.Dns ? WorkAuthorizationCredential.VctFor(host) : null;
        }
    }
}
