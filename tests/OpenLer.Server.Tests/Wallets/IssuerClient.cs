using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Encodings;
using OpenLer.Credentials.Jose;
using OpenLer.Credentials.Keys;

namespace OpenLer.Server.Tests.Wallets;

/// <summary>A hand-written OpenID4VCI client for refusal tests: raw token, nonce and credential requests, and key proofs it signs.</summary>
public sealed class IssuerClient(HttpClient http, string issuer)
{
    public string Issuer { get; } = issuer;

    private string Path(string endpoint) => new Uri(Issuer).AbsolutePath + "/" + endpoint;

    public async Task<(HttpStatusCode Status, JsonObject Body, HttpResponseMessage Response)> TokenAsync(string code, string? txCode)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "urn:ietf:params:oauth:grant-type:pre-authorized_code", ["pre-authorized_code"] = code };
        if (txCode is not null)
        {
            form["tx_code"] = txCode;
        }

        var response = await http.PostAsync(Path("token"), new FormUrlEncodedContent(form));
        return (response.StatusCode, await BodyAsync(response), response);
    }

    public async Task<string> NonceAsync()
    {
        using var response = await http.PostAsync(Path("nonce"), null);
        return (string)(await BodyAsync(response))["c_nonce"]!;
    }

    public async Task<(HttpStatusCode Status, JsonObject Body)> CredentialAsync(string? accessToken, JsonObject request)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, Path("credential"))
        {
            Content = new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (accessToken is not null)
        {
            message.Headers.Authorization = new("Bearer", accessToken);
        }

        using var response = await http.SendAsync(message);
        return (response.StatusCode, await BodyAsync(response));
    }

    /// <summary>A 1.0 request for a configuration with one jwt proof.</summary>
    public static JsonObject Request(string configuration, string proof) =>
        new() { ["credential_configuration_id"] = configuration, ["proofs"] = new JsonObject { ["jwt"] = new JsonArray(proof) } };

    /// <summary>A key proof (typ openid4vci-proof+jwt, kid did:key) signed by <paramref name="signer"/> (by default the named key).</summary>
    public string Proof(KeyPair key, string? nonce, KeyPair? signer = null, string? alg = null, string? audience = null, string padding = "")
    {
        var did = key.PublicKey.ToDidKey();
        var header = new JsonObject { ["typ"] = "openid4vci-proof+jwt", ["kid"] = did + "#" + key.PublicKey.ToMultibase() };
        var payload = new JsonObject { ["aud"] = audience ?? Issuer, ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds() };
        if (nonce is not null)
        {
            payload["nonce"] = nonce;
        }

        if (padding.Length > 0)
        {
            payload["padding"] = padding;
        }

        var bytes = Encoding.UTF8.GetBytes(payload.ToJsonString());
        if (alg == "none")
        {
            header["alg"] = "none";
            return Base64Url.Encode(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url.Encode(bytes) + ".";
        }

        return JwsSigner.Sign(header, bytes, signer ?? key);
    }

    private static async Task<JsonObject> BodyAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonNode.Parse(text)!.AsObject() : [];
    }
}
