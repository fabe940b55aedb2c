using System.Text.Json.Nodes;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.Protocols.Oid4Vci;
using OpenLer.Credentials.Tests.Support;

namespace OpenLer.Credentials.Tests.Protocols;

/// <summary>An issuer's metadata and hand-made key proofs for the OpenID4VCI tests.</summary>
public static class ProtocolFixtures
{
    public const string Issuer = "https://cbo.example/issuers/irc-tucson";
    public const string Vct = "https://cbo.example/vct/work-authorization/v1";
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public static CredentialIssuerMetadata Metadata() => new()
    {
        CredentialIssuer = Issuer,
        CredentialEndpoint = Issuer + "/credential",
        NonceEndpoint = Issuer + "/nonce",
        Display = [new("en", "IRC Tucson"), new("es", "IRC Tucson"), new("ar", "لجنة الإنقاذ الدولية - توسان")],
        Configurations =
        [
            OpenLerCredentialConfigurations.OpenBadgeAsLdpVc(),
            OpenLerCredentialConfigurations.OpenBadgeAsJwtVcJson(["EdDSA"]),
            OpenLerCredentialConfigurations.WorkAuthorization(Vct, ["EdDSA"]),
        ],
    };

    /// <summary>A key proof signed by <paramref name="key"/>: kid (did:key) by default, or a jwk header.</summary>
    public static string Proof(KeyPair key, string nonce, bool useJwk = false, string audience = Issuer, DateTimeOffset? issuedAt = null,
        Action<JsonObject>? editHeader = null, Action<JsonObject>? editPayload = null, KeyPair? signWith = null)
    {
        var header = new JsonObject { ["typ"] = KeyProofValidator.ProofType, ["alg"] = key.PublicKey.JwsAlgorithm };
        if (useJwk)
        {
            header["jwk"] = key.PublicKey.ToJwk();
        }
        else
        {
            header["kid"] = key.PublicKey.ToDidKey() + "#" + key.PublicKey.ToMultibase();
        }

        var payload = new JsonObject { ["aud"] = audience, ["iat"] = (issuedAt ?? Now).ToUnixTimeSeconds(), ["nonce"] = nonce };
        editHeader?.Invoke(header);
        editPayload?.Invoke(payload);
        return Jwt.Build(header, payload, data => (signWith ?? key).Sign(data));
    }
}
