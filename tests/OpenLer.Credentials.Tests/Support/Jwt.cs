using System.Text.Json.Nodes;
using OpenLer.Credentials.Encodings;
using OpenLer.Credentials.Json;

namespace OpenLer.Credentials.Tests.Support;

/// <summary>Hand-builds compact JWS with any header and signature, to forge the attacks a verifier must refuse.</summary>
public static class Jwt
{
    public static string Build(JsonObject header, JsonObject payload, Func<byte[], byte[]> sign)
    {
        var input = Base64Url.Encode(System.Text.Encoding.UTF8.GetBytes(StrictJson.Serialize(header))) + "." +
                    Base64Url.Encode(System.Text.Encoding.UTF8.GetBytes(StrictJson.Serialize(payload)));
        return input + "." + Base64Url.Encode(sign(System.Text.Encoding.ASCII.GetBytes(input)));
    }
}
