using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.SdJwt;
using OpenLer.Credentials.Verification;

namespace OpenLer.Credentials.Protocols.Oid4Vp;

/// <summary>
/// Validates a <c>vp_token</c> against the request it answers (OpenID4VP 1.0 §8.6): every key a credential query id, at
/// most one presentation unless <c>multiple</c>; each presentation verified for this nonce and client identifier —
/// <c>ldp_vc</c> as a Verifiable Presentation (authentication proof with challenge = nonce and domain = client id, signed by
/// the credentials' subject) with each credential through the <see cref="CredentialVerifier"/>, <c>dc+sd-jwt</c> with a
/// Key Binding JWT whose aud is the client id and nonce the request's — and matched to its query (types or vct; requested
/// claims present, and with <c>claim_sets</c> one set complete); then the credential sets (or, without them, every query).
/// </summary>
public sealed class VpTokenValidator(CredentialVerifierOptions options)
{
    public const int MaxPresentationsPerQuery = 8;

    public async Task<PresentationResponseResult> ValidateAsync(AuthorizationResponse response, AuthorizationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(request);
        var problems = new List<string>();
        var presented = new List<PresentedCredential>();
        foreach (var (id, value) in response.VpToken)
        {
            var query = request.Query.Find(id);
            if (query is null)
            {
                problems.Add($"The vp_token answers '{Display(id)}', which the request did not ask for.");
                continue;
            }

            var items = value switch
            {
                JsonArray array => array.ToArray(),
                _ => null,
            };
            if (items is null || items.Length == 0)
            {
                problems.Add($"'{id}': the value must be a non-empty array of presentations.");
                continue;
            }

            if (items.Length > (query.Multiple ? MaxPresentationsPerQuery : 1))
            {
                problems.Add($"'{id}': {items.Length} presentations where {(query.Multiple ? MaxPresentationsPerQuery : 1)} at most are allowed.");
                continue;
            }

            foreach (var item in items)
            {
                presented.Add(await CheckAsync(query, item, request, cancellationToken).ConfigureAwait(false));
            }
        }

        var answered = presented.Where(p => p.Accepted).Select(p => p.QueryId).ToHashSet(StringComparer.Ordinal);
        if (request.Query.CredentialSets is { } sets)
        {
            foreach (var set in sets.Where(s => s.Required))
            {
                if (!set.Options.Any(option => option.All(answered.Contains)))
                {
                    problems.Add($"No option of a required credential set is answered ({string.Join(" or ", set.Options.Select(o => string.Join("+", o)))}).");
                }
            }
        }
        else
        {
            foreach (var missing in request.Query.Credentials.Where(q => !response.VpToken.ContainsKey(q.Id)))
            {
                problems.Add($"'{missing.Id}' was requested but not presented.");
            }
        }

        return new PresentationResponseResult(presented, problems);
    }

    private async Task<PresentedCredential> CheckAsync(DcqlCredentialQuery query, JsonNode? item, AuthorizationRequest request, CancellationToken cancellationToken)
    {
        switch (query.Format)
        {
            case "ldp_vc":
                return await CheckLdpAsync(query, item, request, cancellationToken).ConfigureAwait(false);
            case "dc+sd-jwt":
                if (item is not JsonValue v || !v.TryGetValue<string>(out var sdJwt))
                {
                    return Refused(query, "An SD-JWT VC presentation is a string.");
                }

                var verifier = new CredentialVerifier(options with
                {
                    KeyBinding = new KeyBindingRequirement
                    {
                        Required = query.RequireCryptographicHolderBinding,
                        Nonce = request.Nonce,
                        Audience = request.ClientId.Value,
                    },
                });
                if (!SdJwtCompact.LooksLikeSdJwt(sdJwt.Trim()))
                {
                    return Refused(query, "The presentation is not an SD-JWT.");
                }

                var result = await verifier.VerifyAsync(sdJwt, cancellationToken).ConfigureAwait(false);
                var claims = result.Credential?.Document;
                var problems = new List<string>();
                if (claims is not null)
                {
                    var vct = CredentialFields.Text(claims, "vct");
                    if (vct is null || !query.VctValues.Contains(vct))
                    {
                        problems.Add("Its vct is not one the query accepts.");
                    }

                    problems.AddRange(ClaimProblems(query, claims));
                    claims = RequestedClaims.Keep(claims, query.Claims);
                }

                return new PresentedCredential(query.Id, query.Format, result, null, claims, problems);
            default:
                return Refused(query, $"Presentations of {query.Format} are not verified by this verifier.");
        }
    }

    private async Task<PresentedCredential> CheckLdpAsync(DcqlCredentialQuery query, JsonNode? item, AuthorizationRequest request, CancellationToken cancellationToken)
    {
        if (item is not JsonObject document)
        {
            return Refused(query, "An ldp_vc presentation is a JSON object.");
        }

        var credentialVerifier = new CredentialVerifier(options with { KeyBinding = null });
        if (!CredentialFields.Types(document).Contains("VerifiablePresentation"))
        {
            if (query.RequireCryptographicHolderBinding)
            {
                return Refused(query, "The query requires holder binding: a Verifiable Presentation signed by the holder, not a bare credential.");
            }

            var bare = await credentialVerifier.VerifyJsonAsync(document, cancellationToken).ConfigureAwait(false);
            return new PresentedCredential(query.Id, query.Format, bare, null, document, [.. CredentialProblems(query, document)]);
        }

        var presentation = await new PresentationVerifier(credentialVerifier).VerifyAsync(document, new PresentationExpectations
        {
            Challenge = request.Nonce,
            Domain = request.ClientId.Value,
            RequireHolderBinding = query.RequireCryptographicHolderBinding,
        }, cancellationToken).ConfigureAwait(false);
        var credentials = presentation.Credentials.Select(c => c.Credential?.Document).OfType<JsonObject>().ToList();
        var problems = new List<string>();
        if (presentation.PresentationVerified && credentials.Count != 1)
        {
            problems.Add("The presentation must hold exactly the one credential this query asks for.");
        }

        foreach (var credential in credentials)
        {
            problems.AddRange(CredentialProblems(query, credential));
        }

        return new PresentedCredential(query.Id, query.Format, presentation.Credentials.FirstOrDefault(), presentation, credentials.FirstOrDefault(), problems);
    }

    private static IEnumerable<string> CredentialProblems(DcqlCredentialQuery query, JsonObject credential)
    {
        if (!CredentialTypes.Match(CredentialTypes.Of(credential), query.TypeValues))
        {
            yield return "Its types do not match the query's type_values.";
        }

        foreach (var problem in ClaimProblems(query, credential))
        {
            yield return problem;
        }
    }

    /// <summary>§6.4.1: without claim_sets every requested claim must be present (and match its values); with them, one set.</summary>
    internal static IEnumerable<string> ClaimProblems(DcqlCredentialQuery query, JsonObject claims)
    {
        if (query.Claims is null)
        {
            return [];
        }

        var present = query.Claims.Where(c => IsPresent(c, claims)).ToList();
        if (query.ClaimSets is null)
        {
            return query.Claims.Except(present).Select(c => $"The requested claim {c.Path} is not disclosed{(c.Values.Count > 0 ? " with an accepted value" : "")}.");
        }

        var ids = present.Select(c => c.Id).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return query.ClaimSets.Any(set => set.All(ids.Contains)) ? [] : ["No claim set of the query is fully disclosed."];
    }

    private static bool IsPresent(DcqlClaimQuery claim, JsonObject root)
    {
        var selected = claim.Path.Select(root);
        if (!selected.IsSuccess)
        {
            return false;
        }

        return claim.Values.Count == 0 || selected.Value.Any(node => claim.Values.Any(v => JsonNode.DeepEquals(v, node)));
    }

    private static PresentedCredential Refused(DcqlCredentialQuery query, string problem) =>
        new(query.Id, query.Format, null, null, null, [problem]);

    private static string Display(string value) => OAuthErrorResponse.Describe(value.Length > 64 ? value[..64] : value);
}
