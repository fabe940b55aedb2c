using System.Text.Json.Nodes;
using OpenLer.Credentials.Jose;

namespace OpenLer.Credentials.Protocols.Oid4Vp;

/// <summary>
/// The verifier's <c>client_metadata</c> (OpenID4VP 1.0 §5.1, §11): <c>vp_formats_supported</c> for the formats this verifier
/// checks (<c>ldp_vc</c> presentations and <c>dc+sd-jwt</c>; JWT presentations of <c>jwt_vc_json</c> are not verified here) and, for <c>direct_post.jwt</c>, the ephemeral encryption key (<c>jwks</c>) and accepted <c>enc</c> values.
/// </summary>
public static class VerifierMetadata
{
    public static IReadOnlyList<string> EncValues { get; } = [EcdhEsJwe.A128Gcm, EcdhEsJwe.A256Gcm];

    public static JsonObject VpFormatsSupported() => new()
    {
        ["ldp_vc"] = new JsonObject
        {
            ["proof_type_values"] = new JsonArray("DataIntegrityProof", "Ed25519Signature2020"),
            ["cryptosuite_values"] = new JsonArray("eddsa-rdfc-2022", "ecdsa-rdfc-2019", "eddsa-jcs-2022", "ecdsa-jcs-2019"),
        },
        ["dc+sd-jwt"] = new JsonObject
        {
            ["sd-jwt_alg_values"] = new JsonArray("EdDSA", "Ed25519", "ES256", "ES384"),
            ["kb-jwt_alg_values"] = new JsonArray("EdDSA", "Ed25519", "ES256", "ES384"),
        },
    };

    public static JsonObject Build(JsonObject? encryptionJwk)
    {
        var json = new JsonObject { ["vp_formats_supported"] = VpFormatsSupported() };
        if (encryptionJwk is not null)
        {
            if (encryptionJwk.ContainsKey("d"))
            {
                throw new ArgumentException("client_metadata carries public keys only.", nameof(encryptionJwk));
            }

            json["jwks"] = new JsonObject { ["keys"] = new JsonArray(encryptionJwk.DeepClone()) };
            json["encrypted_response_enc_values_supported"] = new JsonArray([.. EncValues.Select(e => (JsonNode)e)]);
        }

        return json;
    }
}
