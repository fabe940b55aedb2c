using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.Dids;
using OpenLer.Credentials.Jose;
using OpenLer.Credentials.Json;

namespace OpenLer.Credentials.Protocols.Oid4Vp;

/// <summary>
/// The wallet's check of an authorization request (OpenID4VP 1.0 §5, §5.9.3): an unsigned request is accepted only with the
/// <c>redirect_uri:</c> prefix; a request object (<c>request_uri</c>) must have typ <c>oauth-authz-req+jwt</c>, the same
/// client_id as the link, and for <c>decentralized_identifier:</c> a signature by a key of that DID named by <c>kid</c>
/// (resolved with the injected resolver: did:key, did:jwk, and did:web when configured); an expired request object is
/// refused. Every refusal is <c>invalid_request</c> (§8.5).
/// </summary>
public sealed class WalletRequestVerifier(IDidResolver didResolver, TimeProvider timeProvider)
{
    public const int MaxRequestObjectLength = 64 * 1024;

    private static readonly JsonLimits PayloadLimits = new() { MaxBytes = MaxRequestObjectLength, MaxDepth = 16 };

    /// <summary>An unsigned request passed by value.</summary>
    public static Outcome<AuthorizationRequest> VerifyUnsigned(AuthorizationRequestUri link)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (link.Parameters is null)
        {
            return Invalid("The link passes the request by reference: fetch the request object.");
        }

        var clientId = ClientIdentifier.Parse(link.ClientId);
        if (!clientId.IsSuccess)
        {
            return clientId.Error;
        }

        if (clientId.Value.RequiresSignedRequest)
        {
            return Invalid("A decentralized_identifier request must be a signed request object.");
        }

        return AuthorizationRequest.FromParameters(link.Parameters);
    }

    /// <summary>A request object fetched from <c>request_uri</c>; <paramref name="expectedClientId"/> is the link's client_id.</summary>
    public async Task<Outcome<AuthorizationRequest>> VerifyRequestObjectAsync(string requestObject, string expectedClientId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requestObject);
        ArgumentNullException.ThrowIfNull(expectedClientId);
        var parsed = CompactJws.Parse(requestObject.Trim(), MaxRequestObjectLength);
        if (!parsed.IsSuccess)
        {
            return Invalid("The request object is not a signed JWT: " + parsed.Error.Message);
        }

        var jws = parsed.Value;
        if (jws.Type != AuthorizationRequest.RequestObjectType)
        {
            return Invalid("The request object's typ must be oauth-authz-req+jwt.");
        }

        if (JwsAlgorithms.CheckHeader(jws.Algorithm) is { } algError)
        {
            return Invalid("The request object: " + algError.Message);
        }

        var payload = StrictJson.ParseObject(jws.Payload, PayloadLimits);
        if (!payload.IsSuccess)
        {
            return Invalid("The request object's payload is not a JSON object within the limits.");
        }

        var claims = payload.Value;
        if (CredentialFields.Text(claims, "client_id") != expectedClientId)
        {
            return Invalid("The request object's client_id is not the link's.");
        }

        var clientId = ClientIdentifier.Parse(expectedClientId);
        if (!clientId.IsSuccess)
        {
            return clientId.Error;
        }

        if (clientId.Value.Prefix != ClientIdentifier.DecentralizedIdentifier)
        {
            return Invalid("Only decentralized_identifier requests are signed; a redirect_uri request cannot be (§5.9.3).");
        }

        var signature = await CheckSignatureAsync(jws, clientId.Value.Original, cancellationToken).ConfigureAwait(false);
        if (signature is not null)
        {
            return signature;
        }

        var now = timeProvider.GetUtcNow();
        if (claims["exp"] is JsonValue exp && exp.TryGetValue<long>(out var expSeconds) && DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(expSeconds, 0, 253402300799)) <= now)
        {
            return Invalid("The request object has expired.");
        }

        if (claims["aud"] is { } aud && !(aud is JsonValue av && av.TryGetValue<string>(out var audience) && audience == AuthorizationRequest.SelfIssuedAudience))
        {
            return Invalid("The request object's aud is not https://self-issued.me/v2.");
        }

        var parameters = (JsonObject)claims.DeepClone();
        foreach (var name in new[] { "iss", "aud", "iat", "exp", "nbf", "jti" })
        {
            parameters.Remove(name);
        }

        return AuthorizationRequest.FromParameters(parameters);
    }

    private async Task<CredentialError?> CheckSignatureAsync(CompactJws jws, string did, CancellationToken cancellationToken)
    {
        var kid = jws.KeyId;
        if (kid is null || DidUrl.DidOf(kid) != did || !kid.Contains('#', StringComparison.Ordinal))
        {
            return new(OAuthErrorCodes.InvalidRequest, "The request object's kid must be a verification method of the client's DID.");
        }

        var document = await didResolver.ResolveAsync(did, cancellationToken).ConfigureAwait(false);
        if (!document.IsSuccess)
        {
            return new(OAuthErrorCodes.InvalidRequest, "The verifier's DID could not be resolved: " + document.Error.Message);
        }

        var method = document.Value.Find(kid);
        if (method?.Key is null || !(document.Value.Authorizes(method.Id, VerificationRelationship.AssertionMethod)
            || document.Value.Authorizes(method.Id, VerificationRelationship.Authentication)))
        {
            return new(OAuthErrorCodes.InvalidRequest, "The kid is not a signing key in the verifier's DID document.");
        }

        if (JwsAlgorithms.CheckKey(jws.Algorithm!, method.Key) is not null || !method.Key.Verify(jws.SigningInput, jws.Signature))
        {
            return new(OAuthErrorCodes.InvalidRequest, "The request object's signature does not verify with the verifier's key.");
        }

        return null;
    }

    private static CredentialError Invalid(string message) => new(OAuthErrorCodes.InvalidRequest, message);
}
