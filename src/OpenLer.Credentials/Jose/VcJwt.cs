using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;

namespace OpenLer.Credentials.Jose;

/// <summary>
/// The VC 1.1 JWT encoding (VC Data Model 1.1 §6.3.1), the <c>jwt_vc_json</c> format of OpenID4VCI / OpenID4VP and the Open
/// Badges 3.0 JWT example: header typ <c>JWT</c> and kid; claims <c>iss</c> (issuer id), <c>sub</c> (subject id), <c>jti</c>
/// (credential id), <c>nbf</c> (issuanceDate, or validFrom), <c>exp</c> (expirationDate, or validUntil), and the credential
/// in <c>vc</c>.
/// </summary>
public static class VcJwt
{
    public static Outcome<string> Secure(JsonObject credential, KeyPair key, string kid)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(kid);
        var issuer = CredentialFields.IssuerId(credential);
        if (issuer is null)
        {
            return Outcome.Error(ErrorCodes.MalformedValue, "The credential has no issuer.");
        }

        var payload = new JsonObject { ["iss"] = issuer };
        if (CredentialFields.SubjectId(credential) is { } subject)
        {
            payload["sub"] = subject;
        }

        if (CredentialFields.Text(credential, "id") is { } id)
        {
            payload["jti"] = id;
        }

        foreach (var (claim, names) in new[] { ("nbf", new[] { "issuanceDate", "validFrom" }), ("exp", new[] { "expirationDate", "validUntil" }) })
        {
            var text = names.Select(n => CredentialFields.Text(credential, n)).FirstOrDefault(t => t is not null);
            if (text is null)
            {
                continue;
            }

            if (!XsdDateTime.TryParse(text, out var instant))
            {
                return Outcome.Error(ErrorCodes.MalformedValue, $"The credential's {names[0]} / {names[1]} is not a date-time.");
            }

            payload[claim] = instant.ToUnixTimeSeconds();
        }

        payload["vc"] = credential.DeepClone();
        var header = new JsonObject { ["typ"] = "JWT", ["kid"] = kid };
        return JwsSigner.Sign(header, System.Text.Encoding.UTF8.GetBytes(StrictJson.Serialize(payload)), key);
    }
}
