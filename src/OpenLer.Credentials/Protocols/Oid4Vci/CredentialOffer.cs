using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Json;

namespace OpenLer.Credentials.Protocols.Oid4Vci;

/// <summary>
/// A Credential Offer with the pre-authorized code grant (OpenID4VCI 1.0 §4.1.1; the same object in draft 13 §4.1.1):
/// the issuer, the offered configuration ids, the single-use pre-authorized code and, when a transaction code is required,
/// its description. <see cref="ToUri"/> passes it by value, <see cref="ByReference"/> by reference (§4.1.2, §4.1.3).
/// </summary>
public sealed record CredentialOffer
{
    /// <summary>The grant type of the pre-authorized code flow (§3.5, IANA OAuth URI registry).</summary>
    public const string PreAuthorizedCodeGrantType = "urn:ietf:params:oauth:grant-type:pre-authorized_code";

    /// <summary>The custom scheme a wallet registers for offers (§12.1).</summary>
    public const string Scheme = "openid-credential-offer://";

    public const int MaxConfigurationIds = 16;

    public required string CredentialIssuer { get; init; }

    public required IReadOnlyList<string> CredentialConfigurationIds { get; init; }

    public required string PreAuthorizedCode { get; init; }

    /// <summary>Null when no transaction code is required.</summary>
    public TxCode? TxCode { get; init; }

    public JsonObject ToJson()
    {
        if (CredentialConfigurationIds.Count == 0 || CredentialConfigurationIds.Distinct(StringComparer.Ordinal).Count() != CredentialConfigurationIds.Count)
        {
            throw new InvalidOperationException("credential_configuration_ids must be a non-empty array of unique strings.");
        }

        var grant = new JsonObject { ["pre-authorized_code"] = PreAuthorizedCode };
        if (TxCode is not null)
        {
            grant["tx_code"] = TxCode.ToJson();
        }

        return new JsonObject
        {
            ["credential_issuer"] = CredentialIssuer,
            ["credential_configuration_ids"] = new JsonArray([.. CredentialConfigurationIds.Select(id => (JsonNode)id)]),
            ["grants"] = new JsonObject { [PreAuthorizedCodeGrantType] = grant },
        };
    }

    /// <summary><c>openid-credential-offer://?credential_offer=&lt;url-encoded JSON&gt;</c> (§4.1.2).</summary>
    public string ToUri() => Scheme + "?credential_offer=" + Uri.EscapeDataString(StrictJson.Serialize(ToJson()));

    /// <summary><c>openid-credential-offer://?credential_offer_uri=&lt;url&gt;</c> (§4.1.3): the offer object is served at <paramref name="offerUrl"/>.</summary>
    public static string ByReference(string offerUrl)
    {
        ArgumentException.ThrowIfNullOrEmpty(offerUrl);
        return Scheme + "?credential_offer_uri=" + Uri.EscapeDataString(offerUrl);
    }

    /// <summary>Reads an offer object (wallet side), refusing what §4.1.1 forbids; grants other than pre-authorized code are ignored.</summary>
    public static Outcome<CredentialOffer> Parse(JsonObject json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var issuer = CredentialFields.Text(json, "credential_issuer");
        if (issuer is null || !IssuerIdentifier.IsValid(issuer, allowHttp: true))
        {
            return Outcome.Error(OAuthErrorCodes.InvalidRequest, "credential_issuer must be an https URL without query or fragment.");
        }

        if (json["credential_configuration_ids"] is not JsonArray ids || ids.Count is 0 or > MaxConfigurationIds
            || ids.Any(i => i is not JsonValue v || !v.TryGetValue<string>(out _)))
        {
            return Outcome.Error(OAuthErrorCodes.InvalidRequest, $"credential_configuration_ids must be 1 to {MaxConfigurationIds} strings.");
        }

        var list = ids.Select(i => (string)i!).ToList();
        if (list.Distinct(StringComparer.Ordinal).Count() != list.Count)
        {
            return Outcome.Error(OAuthErrorCodes.InvalidRequest, "credential_configuration_ids must be unique.");
        }

        if (json["grants"] is not JsonObject grants || grants[PreAuthorizedCodeGrantType] is not JsonObject grant
            || CredentialFields.Text(grant, "pre-authorized_code") is not { Length: > 0 } code)
        {
            return Outcome.Error(OAuthErrorCodes.InvalidRequest, "The offer has no pre-authorized_code grant.");
        }

        TxCode? txCode = null;
        if (grant.ContainsKey("tx_code"))
        {
            var parsed = TxCode.Parse(grant["tx_code"]);
            if (!parsed.IsSuccess)
            {
                return parsed.Error;
            }

            txCode = parsed.Value;
        }

        return new CredentialOffer { CredentialIssuer = issuer, CredentialConfigurationIds = list, PreAuthorizedCode = code, TxCode = txCode };
    }
}
