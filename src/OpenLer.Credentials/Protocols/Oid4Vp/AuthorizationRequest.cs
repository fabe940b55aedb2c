using System.Text;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Jose;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;

namespace OpenLer.Credentials.Protocols.Oid4Vp;

/// <summary>
/// An OpenID4VP 1.0 Authorization Request for a <c>vp_token</c> with DCQL, answered by <c>direct_post</c> or
/// <c>direct_post.jwt</c> at <see cref="ResponseUri"/> (§5, §8.2). <see cref="ToUnsignedUri"/> passes it by value
/// (<c>redirect_uri:</c> only); <see cref="SignRequestObject"/> makes the JWT a <c>request_uri</c> serves (JAR, RFC 9101, typ
/// <c>oauth-authz-req+jwt</c>), and <see cref="ByReferenceUri"/> points the wallet at it.
/// </summary>
public sealed record AuthorizationRequest
{
    public const string ResponseType = "vp_token";
    public const string RequestObjectType = "oauth-authz-req+jwt";

    /// <summary>Static discovery audience of a request object (§5.8).</summary>
    public const string SelfIssuedAudience = "https://self-issued.me/v2";

    public const string WalletScheme = "openid4vp://";

    public required ClientIdentifier ClientId { get; init; }

    public required string ResponseUri { get; init; }

    public required string ResponseMode { get; init; }

    public required string Nonce { get; init; }

    public required string State { get; init; }

    public required DcqlQuery Query { get; init; }

    /// <summary>The client_metadata object (see <see cref="VerifierMetadata.Build"/>).</summary>
    public required JsonObject ClientMetadata { get; init; }

    /// <summary>The request parameters as a JSON object (the request object's payload without its JWT claims).</summary>
    public JsonObject ToJson() => new()
    {
        ["response_type"] = ResponseType,
        ["client_id"] = ClientId.Value,
        ["response_uri"] = ResponseUri,
        ["response_mode"] = ResponseMode,
        ["nonce"] = Nonce,
        ["state"] = State,
        ["dcql_query"] = Query.ToJson(),
        ["client_metadata"] = ClientMetadata.DeepClone(),
    };

    /// <summary>The request by value: <c>openid4vp://?response_type=vp_token&amp;client_id=...</c> (objects JSON-serialized, §5.1).</summary>
    public string ToUnsignedUri(string walletEndpoint = WalletScheme)
    {
        if (ClientId.RequiresSignedRequest)
        {
            throw new InvalidOperationException("A decentralized_identifier request must be signed and passed by reference.");
        }

        return walletEndpoint + "?" + string.Join('&', ToJson().Select(p =>
            p.Key + "=" + Uri.EscapeDataString(p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : StrictJson.Serialize(p.Value!))));
    }

    /// <summary>
    /// The signed request object: header typ <c>oauth-authz-req+jwt</c>, alg from the key, kid the verification method
    /// (a DID URL of the client's DID); payload the request parameters plus <c>aud</c>, <c>iat</c>, <c>exp</c>.
    /// </summary>
    public string SignRequestObject(KeyPair key, string keyId, DateTimeOffset now, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        if (ClientId.Prefix == ClientIdentifier.DecentralizedIdentifier && Dids.DidUrl.DidOf(keyId) != ClientId.Original)
        {
            throw new ArgumentException("The kid must be a verification method of the client's DID.", nameof(keyId));
        }

        var payload = ToJson();
        payload["aud"] = SelfIssuedAudience;
        payload["iat"] = now.ToUnixTimeSeconds();
        payload["exp"] = (now + lifetime).ToUnixTimeSeconds();
        var header = new JsonObject { ["typ"] = RequestObjectType, ["kid"] = keyId };
        return JwsSigner.Sign(header, Encoding.UTF8.GetBytes(StrictJson.Serialize(payload)), key);
    }

    /// <summary><c>openid4vp://?client_id=...&amp;request_uri=...</c> (RFC 9101 §5.2; OpenID4VP §5.10 <c>request_uri_method</c>).</summary>
    public static string ByReferenceUri(string clientId, string requestUri, string walletEndpoint = WalletScheme, string? requestUriMethod = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ArgumentException.ThrowIfNullOrEmpty(requestUri);
        var uri = walletEndpoint + "?client_id=" + Uri.EscapeDataString(clientId) + "&request_uri=" + Uri.EscapeDataString(requestUri);
        return requestUriMethod is null ? uri : uri + "&request_uri_method=" + Uri.EscapeDataString(requestUriMethod);
    }

    /// <summary>
    /// Reads request parameters (from a verified request object or an unsigned request) and applies §5's rules: response type
    /// vp_token; a supported response mode with a response URI and no redirect URI; a URL-safe nonce; a DCQL query (object or
    /// JSON string) and no scope; no transaction data (not supported here); client metadata with an encryption key when the
    /// response is encrypted; for <c>redirect_uri:</c>, the client id equal to the response URI.
    /// </summary>
    public static Outcome<AuthorizationRequest> FromParameters(JsonObject parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var clientId = ClientIdentifier.Parse(Text(parameters, "client_id"));
        if (!clientId.IsSuccess)
        {
            return clientId.Error;
        }

        if (Text(parameters, "response_type") != ResponseType)
        {
            return Invalid("response_type must be vp_token.");
        }

        var mode = Text(parameters, "response_mode");
        if (!ResponseModes.IsSupported(mode))
        {
            return Invalid("response_mode must be direct_post or direct_post.jwt.");
        }

        if (parameters.ContainsKey("redirect_uri"))
        {
            return Invalid("redirect_uri must not be present with response_mode direct_post (§8.2).");
        }

        var responseUri = Text(parameters, "response_uri");
        if (responseUri is null || !Uri.TryCreate(responseUri, UriKind.Absolute, out var response)
            || !(response.Scheme == Uri.UriSchemeHttps || response.IsLoopback && response.Scheme == Uri.UriSchemeHttp))
        {
            return Invalid("response_uri must be an https URL.");
        }

        if (clientId.Value.Prefix == ClientIdentifier.RedirectUri && clientId.Value.Original != responseUri)
        {
            return Invalid("With the redirect_uri prefix the client_id must be the response_uri.");
        }

        var nonce = Text(parameters, "nonce");
        if (nonce is null || nonce.Length is 0 or > 256 || !nonce.All(IsUrlSafe))
        {
            return Invalid("nonce is required and must use only URL-safe characters.");
        }

        var state = Text(parameters, "state");
        if (state is not null && (state.Length > 512 || !state.All(IsUrlSafe)))
        {
            return Invalid("state must use only URL-safe characters.");
        }

        if (parameters.ContainsKey("scope"))
        {
            return Invalid("Requests by scope are not supported; use dcql_query.");
        }

        if (parameters.ContainsKey("transaction_data"))
        {
            return Invalid("transaction_data is not supported by this wallet.");
        }

        var dcql = parameters["dcql_query"] switch
        {
            JsonObject o => DcqlQuery.Parse(o),
            JsonValue v when v.TryGetValue<string>(out var s) => DcqlQuery.Parse(s),
            _ => Invalid("dcql_query is required."),
        };
        if (!dcql.IsSuccess)
        {
            return dcql.Error;
        }

        var metadata = parameters["client_metadata"] switch
        {
            JsonObject o => Outcome.Ok(o),
            JsonValue v when v.TryGetValue<string>(out var s) => StrictJson.ParseObject(s, DcqlQuery.Limits),
            null => Outcome.Ok(new JsonObject()),
            _ => Invalid("client_metadata must be an object."),
        };
        if (!metadata.IsSuccess)
        {
            return Invalid("client_metadata is not a JSON object.");
        }

        if (mode == ResponseModes.DirectPostJwt && EncryptionJwk(metadata.Value) is null)
        {
            return Invalid("direct_post.jwt needs an ECDH-ES P-256 key in client_metadata.jwks.");
        }

        return new AuthorizationRequest
        {
            ClientId = clientId.Value,
            ResponseUri = responseUri,
            ResponseMode = mode!,
            Nonce = nonce,
            State = state ?? string.Empty,
            Query = dcql.Value,
            ClientMetadata = (JsonObject)metadata.Value.DeepClone(),
        };
    }

    /// <summary>The first ECDH-ES P-256 key of client_metadata.jwks (§8.3: the key's alg must be present and used).</summary>
    public static JsonObject? EncryptionJwk(JsonObject clientMetadata)
    {
        ArgumentNullException.ThrowIfNull(clientMetadata);
        return clientMetadata["jwks"] is JsonObject jwks && jwks["keys"] is JsonArray keys
            ? keys.OfType<JsonObject>().Take(8).FirstOrDefault(k => Text(k, "alg") == EcdhEsJwe.Algorithm && Text(k, "kty") == "EC" && Text(k, "crv") == "P-256"
                && !k.ContainsKey("d") && PublicKey.FromJwk(k).IsSuccess)
            : null;
    }

    /// <summary>The <c>enc</c> the wallet uses: the first supported value of encrypted_response_enc_values_supported, default A128GCM.</summary>
    public string ResponseEncryption() =>
        ClientMetadata["encrypted_response_enc_values_supported"] is JsonArray values
            ? values.Select(v => v is JsonValue sv && sv.TryGetValue<string>(out var s) ? s : null).FirstOrDefault(s => s is EcdhEsJwe.A128Gcm or EcdhEsJwe.A256Gcm) ?? EcdhEsJwe.A128Gcm
            : EcdhEsJwe.A128Gcm;

    private static bool IsUrlSafe(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';

    private static string? Text(JsonObject json, string name) => CredentialFields.Text(json, name);

    private static CredentialError Invalid(string message) => new(OAuthErrorCodes.InvalidRequest, message);
}
