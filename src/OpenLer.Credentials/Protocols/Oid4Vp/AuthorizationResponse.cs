using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Jose;
using OpenLer.Credentials.Json;

namespace OpenLer.Credentials.Protocols.Oid4Vp;

/// <summary>
/// The wallet's response at the response URI (OpenID4VP 1.0 §8.1–8.3): <c>vp_token</c> (a JSON object from credential
/// query id to presentations) and <c>state</c> in the form, or for <c>direct_post.jwt</c> a <c>response</c> JWE whose
/// payload holds them. An error response from the wallet (<c>error</c>, e.g. <c>access_denied</c>) becomes an error value
/// with that code.
/// </summary>
public sealed record AuthorizationResponse(JsonObject VpToken, string? State)
{
    /// <summary>Longest form value read (a vp_token or JWE with a few credentials).</summary>
    public const int MaxValueLength = 1024 * 1024;

    public static JsonLimits Limits { get; } = new() { MaxBytes = MaxValueLength, MaxDepth = 64 };

    public override string ToString() => $"vp_token for {string.Join(", ", VpToken.Select(p => p.Key))}";

    /// <summary>The <c>state</c> of a response, read before anything else so the server can find the transaction.</summary>
    public static string? StateOf(FormParameters form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form["state"];
    }

    public static Outcome<AuthorizationResponse> Parse(FormParameters form, VerifierTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(transaction);
        var request = transaction.Request;
        if (form["error"] is { } error)
        {
            var code = error.Length <= 64 && error.All(c => char.IsAsciiLetterLower(c) || c == '_') ? error : OAuthErrorCodes.InvalidRequest;
            return Outcome.Error(code, "The wallet answered with an error: " + OAuthErrorResponse.Describe(form["error_description"]));
        }

        JsonObject payload;
        if (request.ResponseMode == ResponseModes.DirectPostJwt)
        {
            if (form["vp_token"] is not null || form["response"] is not { } jwe)
            {
                return Invalid("This request asked for an encrypted response (response), not a plain vp_token.");
            }

            if (transaction.EncryptionPrivateJwk is null)
            {
                throw new InvalidOperationException("A direct_post.jwt transaction keeps its encryption key.");
            }

            var key = EncryptionKey.FromPrivateJwk(transaction.EncryptionPrivateJwk);
            if (!key.IsSuccess)
            {
                throw new InvalidOperationException("The stored encryption key is unusable: " + key.Error.Message);
            }

            using (key.Value)
            {
                var decrypted = EcdhEsJwe.Decrypt(jwe, key.Value, VerifierMetadata.EncValues, MaxValueLength);
                if (!decrypted.IsSuccess)
                {
                    return Invalid("The encrypted response does not decrypt: " + decrypted.Error.Message);
                }

                var json = StrictJson.ParseObject(decrypted.Value.Plaintext, Limits);
                if (!json.IsSuccess)
                {
                    return Invalid("The decrypted response is not a JSON object.");
                }

                payload = json.Value;
            }

            // state may travel outside (form) or inside (payload); where both are present they must agree.
            if (form["state"] is { } outer && CredentialFields.Text(payload, "state") is { } inner && outer != inner)
            {
                return Invalid("The state inside the encrypted response differs from the one outside.");
            }

            if (payload["state"] is null && form["state"] is { } formState)
            {
                payload["state"] = formState;
            }
        }
        else
        {
            if (form["response"] is not null)
            {
                return Invalid("This request asked for a plain direct_post response.");
            }

            payload = new JsonObject();
            if (form["vp_token"] is { } vpToken)
            {
                var parsed = StrictJson.Parse(vpToken, Limits);
                if (!parsed.IsSuccess)
                {
                    return Invalid("vp_token is not JSON: " + parsed.Error.Message);
                }

                payload["vp_token"] = parsed.Value;
            }

            if (form["state"] is { } state)
            {
                payload["state"] = state;
            }
        }

        if (payload["vp_token"] is not JsonObject token || token.Count == 0)
        {
            return Invalid("vp_token must be a non-empty JSON object from credential query id to presentations.");
        }

        var receivedState = CredentialFields.Text(payload, "state");
        if ((request.State.Length > 0 || receivedState is not null) && receivedState != request.State)
        {
            return Invalid("The response's state is not this request's.");
        }

        return new AuthorizationResponse((JsonObject)token.DeepClone(), receivedState);
    }

    private static CredentialError Invalid(string message) => new(OAuthErrorCodes.InvalidRequest, message);
}
