using System.Text.Json.Nodes;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;

namespace OpenLer.Credentials.Jose;

/// <summary>
/// Securing credentials with JOSE (VC-JOSE-COSE §3.1.1): the JWS payload is the unsecured credential, the header has
/// typ "vc+jwt" (media type application/vc+jwt), cty "vc", and kid the issuer's verification method.
/// </summary>
public static class VcJose
{
    public const string MediaType = "application/vc+jwt";

    public static string Secure(JsonObject credential, KeyPair key, string kid)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentException.ThrowIfNullOrEmpty(kid);
        var header = new JsonObject { ["kid"] = kid, ["typ"] = "vc+jwt", ["cty"] = "vc" };
        var payload = System.Text.Encoding.UTF8.GetBytes(StrictJson.Serialize(credential));
        return JwsSigner.Sign(header, payload, key);
    }
}
