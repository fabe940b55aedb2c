using System.Text.Json.Nodes;
using OpenLer.Credentials.Common;
using OpenLer.Credentials.DataIntegrity;
using OpenLer.Credentials.Protocols;
using OpenLer.Credentials.Protocols.VcApi;
using OpenLer.Credentials.Verification;
using OpenLer.Server.Features.Audit;
using OpenLer.Server.Features.Organizations;
using OpenLer.Server.Features.Verify;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.MachineApi;

/// <summary>
/// The W3C VC API issuer and verifier endpoints for an organization's systems and the W3C VC test suites, one set per
/// organization and Data Integrity cryptosuite (<c>/orgs/{slug}/vc-api/{suite}/credentials/issue</c>,
/// <c>…/credentials/verify</c>, <c>…/presentations/verify</c>), behind an API key (Bearer) or an access token from
/// <c>POST /api/oauth/token</c> (client credentials), rate limited per key. Issuing signs with the organization's active key;
/// verifying uses this deployment's verifier (issuer trust reported, not required) and requires the suite of the endpoint.
/// </summary>
public static class VcApiEndpoints
{
    /// <summary>The suites an organization's Ed25519 keys sign with.</summary>
    public static IReadOnlyList<string> Suites { get; } = ["eddsa-rdfc-2022", "eddsa-jcs-2022"];

    public static IEndpointRouteBuilder MapVcApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/oauth/token", async (HttpContext http, ApiKeys keys, CancellationToken ct) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            using var reader = new StreamReader(http.Request.Body);
            var form = FormParameters.Parse(await reader.ReadToEndAsync(ct), 512);
            if (!form.IsSuccess)
            {
                return Error(StatusCodes.Status400BadRequest, form.Error);
            }

            if (form.Value["grant_type"] != "client_credentials")
            {
                return Error(StatusCodes.Status400BadRequest, new(OAuthErrorCodes.UnsupportedGrantType, "Only client_credentials is supported."));
            }

            var (id, secret) = BasicCredentials(http.Request.Headers.Authorization.ToString()) ?? (form.Value["client_id"], form.Value["client_secret"]);
            var key = await keys.CheckAsync(id, secret, ct);
            if (key is null)
            {
                http.Response.Headers.WWWAuthenticate = "Basic";
                return Error(StatusCodes.Status401Unauthorized, new(OAuthErrorCodes.InvalidClient, "Unknown or revoked client."));
            }

            var token = await keys.IssueAccessTokenAsync(key, ct);
            return Results.Json(new JsonObject { ["access_token"] = token, ["token_type"] = "Bearer", ["expires_in"] = (long)ApiKeys.AccessTokenLifetime.TotalSeconds });
        }).DisableAntiforgery();

        var group = app.MapGroup("/orgs/{slug}/vc-api/{suite}").DisableAntiforgery();
        group.MapPost("/credentials/issue", IssueAsync);
        group.MapPost("/credentials/verify", VerifyCredentialAsync);
        group.MapPost("/presentations/verify", VerifyPresentationAsync);
        return app;
    }

    private static async Task<IResult> IssueAsync(string slug, string suite, HttpContext http, ApiGate gate, OrganizationKeys keys, AuditTrail audit,
        TimeProvider time, CancellationToken ct)
    {
        var (org, refused) = await gate.CheckAsync(http, slug, suite, ct);
        if (refused is not null)
        {
            return refused;
        }

        var request = IssueCredentialRequest.Parse(await ReadAsync(http, ct));
        if (!request.IsSuccess)
        {
            return Error(StatusCodes.Status400BadRequest, request.Error);
        }

        var signingKey = await keys.ActiveKeyAsync(org!.Id, ct);
        var identity = keys.Identity(org, signingKey);
        var credential = request.Value.Credential;
        if (CredentialFields.IssuerId(credential) != identity.Did)
        {
            return Error(StatusCodes.Status400BadRequest, new(ErrorCodes.MalformedValue, $"credential.issuer must be this organization's identifier, {identity.Did}."));
        }

        if (request.Value.CredentialId is { } id)
        {
            credential["id"] = id;
        }

        using var key = keys.SigningKey(signingKey);
        var signed = new DataIntegritySigner(Cryptosuites.Default, time).Sign(credential, key, new ProofOptions { Cryptosuite = suite, VerificationMethod = identity.VerificationMethod });
        if (!signed.IsSuccess)
        {
            return Error(StatusCodes.Status400BadRequest, signed.Error);
        }

        await audit.RecordAsync(AuditActions.ApiCredentialIssued, "api-key", gate.Caller!.KeyId, org.Id, detail: suite,
            actor: (AuditActors.System, gate.Caller.KeyId.ToString("D")), cancellationToken: ct);
        return Results.Json(IssueCredentialRequest.Response(signed.Value), statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> VerifyCredentialAsync(string slug, string suite, HttpContext http, ApiGate gate, DeploymentVerifier verifier,
        VerificationBudget budget, CancellationToken ct)
    {
        var (_, refused) = await gate.CheckAsync(http, slug, suite, ct);
        if (refused is not null)
        {
            return refused;
        }

        var body = await ReadAsync(http, ct);
        var request = VerifyCredentialRequest.Parse(body);
        if (!request.IsSuccess)
        {
            return Error(StatusCodes.Status400BadRequest, request.Error);
        }

        // The verification budget (size, nodes, time, concurrency) applies to what machines send too.
        var input = request.Value.VerifiableCredential;
        var outcome = await budget.RunAsync(body, token => input is JsonObject o
            ? verifier.WithoutRequiredTrust().VerifyJsonAsync(o, token)
            : verifier.WithoutRequiredTrust().VerifyAsync((string)input!, token), ct);
        if (outcome.Result is not { } result)
        {
            return outcome.ToProblem(http);
        }

        var json = VcApiResults.ForCredential(result, request.Value);
        var verified = result.Verified && SuiteMatches(input as JsonObject, suite, json);
        json["verified"] = verified;
        return Results.Json(json, statusCode: verified ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> VerifyPresentationAsync(string slug, string suite, HttpContext http, ApiGate gate, DeploymentVerifier verifier,
        VerificationBudget budget, CancellationToken ct)
    {
        var (_, refused) = await gate.CheckAsync(http, slug, suite, ct);
        if (refused is not null)
        {
            return refused;
        }

        var body = await ReadAsync(http, ct);
        if (budget.Precheck(body) is { } tooLarge)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, tooLarge);
        }

        var request = VerifyPresentationRequest.Parse(body);
        if (!request.IsSuccess)
        {
            return Error(StatusCodes.Status400BadRequest, request.Error);
        }

        var result = await new PresentationVerifier(verifier.WithoutRequiredTrust()).VerifyAsync(request.Value.VerifiablePresentation, new PresentationExpectations
        {
            Challenge = request.Value.Challenge,
            Domain = request.Value.Domain,
            AllowEmpty = true,
            RequireHolderBinding = false,
        }, ct);
        var json = VcApiResults.ForPresentation(result, request.Value);
        var verified = result.Verified && SuiteMatches(request.Value.VerifiablePresentation, suite, json);
        json["verified"] = verified;
        return Results.Json(json, statusCode: verified ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    /// <summary>A Data Integrity proof of another cryptosuite than the endpoint's is a problem (the suites' test "cryptosuite MUST be").</summary>
    private static bool SuiteMatches(JsonObject? document, string suite, JsonObject result)
    {
        var proofs = document?["proof"] switch
        {
            JsonObject p => [p],
            JsonArray a => a.OfType<JsonObject>().ToArray(),
            _ => [],
        };
        var wrong = proofs.FirstOrDefault(p => (string?)p["type"] == "DataIntegrityProof" && (string?)p["cryptosuite"] != suite);
        if (wrong is null)
        {
            return true;
        }

        (result["problemDetails"] as JsonArray)?.Add(new JsonObject
        {
            ["type"] = VcApiResults.ProblemTypeBase + ErrorCodes.ProofVerification,
            ["title"] = "cryptosuite",
            ["detail"] = $"This endpoint verifies {suite} proofs.",
        });
        return false;
    }

    internal static IResult Error(int status, CredentialError error) =>
        Results.Json(OAuthErrorResponse.ToJson(error), statusCode: status);

    private static (string? Id, string? Secret)? BasicCredentials(string header)
    {
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) || header.Length > 1024)
        {
            return null;
        }

        try
        {
            var text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : (Uri.UnescapeDataString(text[..colon]), Uri.UnescapeDataString(text[(colon + 1)..]));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static async Task<string> ReadAsync(HttpContext http, CancellationToken ct)
    {
        using var reader = new StreamReader(http.Request.Body);
        return await reader.ReadToEndAsync(ct);
    }
}
