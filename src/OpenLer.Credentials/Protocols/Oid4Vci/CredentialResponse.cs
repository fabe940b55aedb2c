using System.Text.Json.Nodes;

namespace OpenLer.Credentials.Protocols.Oid4Vci;

/// <summary>
/// The immediate Credential Response: 1.0 §8.3 <c>{"credentials": [{"credential": ...}], "notification_id"}</c>, or draft 13
/// §7.3 <c>{"credential": ..., "c_nonce", "c_nonce_expires_in"}</c>. A credential is a JSON object (ldp_vc) or a string
/// (jwt_vc_json, dc+sd-jwt), never re-encoded.
/// </summary>
public static class CredentialResponse
{
    public static JsonObject Build(Oid4VciVersion version, IReadOnlyList<JsonNode> credentials, string? notificationId = null,
        string? nextCNonce = null, TimeSpan? cNonceExpiresIn = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        if (credentials.Count == 0)
        {
            throw new ArgumentException("At least one credential.", nameof(credentials));
        }

        if (version == Oid4VciVersion.Draft13)
        {
            if (credentials.Count != 1)
            {
                throw new ArgumentException("A draft 13 response carries one credential.", nameof(credentials));
            }

            var legacy = new JsonObject { ["credential"] = credentials[0].DeepClone() };
            if (nextCNonce is not null)
            {
                legacy["c_nonce"] = nextCNonce;
                legacy["c_nonce_expires_in"] = (long)(cNonceExpiresIn ?? TimeSpan.FromMinutes(5)).TotalSeconds;
            }

            return legacy;
        }

        var json = new JsonObject
        {
            ["credentials"] = new JsonArray([.. credentials.Select(c => (JsonNode)new JsonObject { ["credential"] = c.DeepClone() })]),
        };
        if (notificationId is not null)
        {
            json["notification_id"] = notificationId;
        }

        return json;
    }
}
