using System.Text.Json.Nodes;
using OpenLer.Credentials.Jose;

namespace OpenLer.Credentials.Protocols.Oid4Vp;

/// <summary>
/// What a verifier keeps between sending a request and receiving the response (OpenID4VP 1.0 §14.1, §14.3): the request
/// (client id, nonce, state, query, response mode) and, for <c>direct_post.jwt</c>, the private part of the ephemeral
/// encryption key. <see cref="Create"/> makes a fresh one; the server stores <see cref="Request"/>'s JSON and
/// <see cref="EncryptionPrivateJwk"/>, and looks the transaction up by state when the response arrives.
/// </summary>
public sealed record VerifierTransaction(AuthorizationRequest Request, JsonObject? EncryptionPrivateJwk)
{
    /// <summary>A new request with a fresh nonce and state (and encryption key when the mode is direct_post.jwt).</summary>
    public static VerifierTransaction Create(ClientIdentifier clientId, string responseUri, DcqlQuery query, string responseMode, ProtocolRandom random)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(random);
        if (!ResponseModes.IsSupported(responseMode))
        {
            throw new ArgumentException("direct_post or direct_post.jwt.", nameof(responseMode));
        }

        JsonObject? privateJwk = null;
        JsonObject? publicJwk = null;
        if (responseMode == ResponseModes.DirectPostJwt)
        {
            using var key = EncryptionKey.Generate(random.NewToken(16));
            privateJwk = key.ExportPrivateJwk();
            publicJwk = key.PublicJwk();
        }

        var request = new AuthorizationRequest
        {
            ClientId = clientId,
            ResponseUri = responseUri,
            ResponseMode = responseMode,
            Nonce = random.NewNonce(),
            State = random.NewNonce(),
            Query = query,
            ClientMetadata = VerifierMetadata.Build(publicJwk),
        };
        return new VerifierTransaction(request, privateJwk);
    }

    /// <summary>Redacted: never logs the private key.</summary>
    public override string ToString() => $"OpenID4VP transaction for {Request.ClientId} ({Request.ResponseMode})";
}
