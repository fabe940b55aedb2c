using System.Text.Json.Nodes;
using OpenLer.Credentials.Encodings;
using OpenLer.Credentials.Keys;

namespace OpenLer.Credentials.Jose;

/// <summary>Creates compact JWS (RFC 7515 §5.1) with the algorithm the key dictates.</summary>
public static class JwsSigner
{
    /// <summary>Signs <paramref name="payload"/>; "alg" is set from the key, overriding any value in <paramref name="header"/>.</summary>
    public static string Sign(JsonObject header, ReadOnlySpan<byte> payload, KeyPair key)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(key);
        var h = new JsonObject { ["alg"] = key.PublicKey.JwsAlgorithm };
        foreach (var (name, value) in header)
        {
            if (name != "alg")
            {
                h[name] = value?.DeepClone();
            }
        }

        var signingInput = Base64Url.Encode(System.Text.Encoding.UTF8.GetBytes(Json.StrictJson.Serialize(h))) + "." + Base64Url.Encode(payload);
        var signature = key.Sign(System.Text.Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url.Encode(signature);
    }
}
