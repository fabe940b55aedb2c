using System.Text;
using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Jose;
using OpenLer.Credentials.Json;
using OpenLer.Credentials.Keys;
using OpenLer.Credentials.SdJwt;

namespace OpenLer.Credentials.Protocols.Oid4Vp;

/// <summary>
/// The wallet's answer (OpenID4VP 1.0 §8): presentations of the credentials the holder chose — an <c>ldp_vc</c> in a
/// Verifiable Presentation signed with the holder's key (authentication, challenge = nonce, domain = client id; §B.1.3.2),
/// an SD-JWT VC with only the requested disclosures and a Key Binding JWT (aud = client id, nonce; §B.3.6) — and the form to
/// POST to the response URI: <c>vp_token</c> and <c>state</c>, or for <c>direct_post.jwt</c> one <c>response</c> JWE to the
/// verifier's key (§8.3).
/// </summary>
public sealed class WalletResponseBuilder(TimeProvider timeProvider)
{
    private readonly DataIntegritySigner _signer = new(Cryptosuites.Default, timeProvider);

    /// <summary>A Verifiable Presentation of <paramref name="credential"/> by the holder, bound to the request.</summary>
    public Outcome<JsonObject> PresentLdpVc(JsonObject credential, KeyPair holderKey, string holderDid, string verificationMethod, AuthorizationRequest request)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(holderKey);
        ArgumentNullException.ThrowIfNull(request);
        var v1 = credential["@context"] is JsonArray { Count: > 0 } contexts && contexts[0] is JsonValue first
            && first.TryGetValue<string>(out var context) && context == "https://www.w3.org/2018/credentials/v1";
        var presentation = new JsonObject
        {
            ["@context"] = new JsonArray(v1 ? "https://www.w3.org/2018/credentials/v1" : "https://www.w3.org/ns/credentials/v2"),
            ["type"] = new JsonArray("VerifiablePresentation"),
            ["holder"] = holderDid,
            ["verifiableCredential"] = new JsonArray(credential.DeepClone()),
        };
        return _signer.Sign(presentation, holderKey, new ProofOptions
        {
            Cryptosuite = holderKey.Type == KeyType.Ed25519 ? "eddsa-rdfc-2022" : "ecdsa-rdfc-2019",
            VerificationMethod = verificationMethod,
            ProofPurpose = "authentication",
            Challenge = request.Nonce,
            Domain = request.ClientId.Value,
        });
    }

    /// <summary>The SD-JWT VC with the disclosures <paramref name="claims"/> name (dot paths) and a KB-JWT for the request.</summary>
    public Outcome<string> PresentSdJwt(string sdJwt, IEnumerable<string> claims, KeyPair holderKey, AuthorizationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SdJwtPresenter.Present(sdJwt, claims, holderKey, request.Nonce, request.ClientId.Value, timeProvider.GetUtcNow());
    }

    /// <summary>
    /// The claims to disclose for a query (§6.4.1): every requested claim, or with <c>claim_sets</c> the set at
    /// <paramref name="claimSetIndex"/> (the verifier's preferred first). A path through every array element discloses the array.
    /// </summary>
    public static IReadOnlyList<string> ClaimsToDisclose(DcqlCredentialQuery query, int claimSetIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Claims is null)
        {
            return [];
        }

        var claims = query.ClaimSets is null
            ? query.Claims
            : query.ClaimSets[Math.Clamp(claimSetIndex, 0, query.ClaimSets.Count - 1)].Select(id => query.Claims.First(c => c.Id == id)).ToList();
        return [.. claims.Select(c => string.Join('.', c.Path.Components.TakeWhile(p => p is not null)
            .Select(p => p is int i ? i.ToString(System.Globalization.CultureInfo.InvariantCulture) : (string)p!))).Where(p => p.Length > 0).Distinct()];
    }

    /// <summary>The form to POST to <see cref="AuthorizationRequest.ResponseUri"/>, <paramref name="vpToken"/> mapping query ids to presentation arrays.</summary>
    public static Outcome<IReadOnlyDictionary<string, string>> BuildResponse(AuthorizationRequest request, JsonObject vpToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(vpToken);
        foreach (var (id, value) in vpToken)
        {
            var query = request.Query.Find(id);
            if (query is null || value is not JsonArray { Count: > 0 } array || (!query.Multiple && array.Count > 1))
            {
                return Outcome.Error(OAuthErrorCodes.InvalidRequest, $"vp_token['{id}'] does not answer a query of the request (or has too many presentations).");
            }
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.ResponseMode == ResponseModes.DirectPostJwt)
        {
            var jwk = AuthorizationRequest.EncryptionJwk(request.ClientMetadata);
            if (jwk is null)
            {
                return Outcome.Error(OAuthErrorCodes.InvalidRequest, "The request has no encryption key.");
            }

            var payload = new JsonObject { ["vp_token"] = vpToken.DeepClone() };
            if (request.State.Length > 0)
            {
                payload["state"] = request.State;
            }

            var jwe = EcdhEsJwe.Encrypt(Encoding.UTF8.GetBytes(StrictJson.Serialize(payload)), jwk, request.ResponseEncryption());
            if (!jwe.IsSuccess)
            {
                return jwe.Error;
            }

            fields["response"] = jwe.Value;
        }
        else
        {
            fields["vp_token"] = StrictJson.Serialize(vpToken);
            if (request.State.Length > 0)
            {
                fields["state"] = request.State;
            }
        }

        return fields;
    }

    /// <summary>The form of a refusal (§8.5 <c>access_denied</c>: the holder declined, or has no matching credential).</summary>
    public static IReadOnlyDictionary<string, string> Refusal(AuthorizationRequest request, string error = OAuthErrorCodes.AccessDenied)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["error"] = error };
        if (request.State.Length > 0)
        {
            fields["state"] = request.State;
        }

        return fields;
    }
}
