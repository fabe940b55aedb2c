using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Json;

namespace OpenLer.Credentials.Protocols.VcApi;

/// <summary>
/// The DCC Learner Credential Wallet's deep link: <c>dccrequest://request?request=&lt;url-encoded JSON&gt;</c> where the JSON
/// is <c>{"credentialRequestOrigin": "&lt;https origin&gt;", "protocols": {"vcapi": "&lt;exchange URL&gt;", ...}}</c> (the wallet
/// requires both members and at least one of vcapi, OID4VCI, OID4VP; it then runs the vcapi exchange).
/// </summary>
public static class DccRequestLink
{
    public const string Prefix = "dccrequest://request?request=";

    public static string Build(string credentialRequestOrigin, string exchangeUrl, string? credentialOfferUri = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(credentialRequestOrigin);
        ArgumentException.ThrowIfNullOrEmpty(exchangeUrl);
        var protocols = new JsonObject { [InteractionProtocols.VcApi] = exchangeUrl };
        if (credentialOfferUri is not null)
        {
            protocols[InteractionProtocols.Oid4VciLegacy] = credentialOfferUri;
        }

        var request = new JsonObject { ["credentialRequestOrigin"] = credentialRequestOrigin, ["protocols"] = protocols };
        return Prefix + Uri.EscapeDataString(StrictJson.Serialize(request));
    }

    /// <summary>Reads a link back (the exchange URL and origin), as the wallet would.</summary>
    public static Outcome<(string Origin, string ExchangeUrl)> Parse(string link)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (!link.StartsWith(Prefix, StringComparison.Ordinal) || link.Length > 8192)
        {
            return Outcome.Error(ErrorCodes.MalformedValue, "Not a dccrequest link.");
        }

        string json;
        try
        {
            json = Uri.UnescapeDataString(link[Prefix.Length..]);
        }
        catch (UriFormatException)
        {
            return Outcome.Error(ErrorCodes.MalformedValue, "The request parameter is not url-encoded.");
        }

        var parsed = StrictJson.ParseObject(json, new JsonLimits { MaxBytes = 8192, MaxDepth = 4 });
        if (!parsed.IsSuccess || CredentialFields.Text(parsed.Value, "credentialRequestOrigin") is not { } origin
            || parsed.Value["protocols"] is not JsonObject protocols || CredentialFields.Text(protocols, InteractionProtocols.VcApi) is not { } exchange)
        {
            return Outcome.Error(ErrorCodes.MalformedValue, "The request needs credentialRequestOrigin and protocols.vcapi.");
        }

        return (origin, exchange);
    }
}
