using System.Text.Json.Nodes;
using OpenLer.Credentials.Verification;
using OpenLer.Server.Infrastructure.Observability;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Verify;

/// <summary>
/// <c>POST /api/verify</c>: the body is a credential (JSON-LD, VC-JWT); the answer lists every check. Rate limited per
/// address and verified within the verification budget (problem+json 413 or 503 with Retry-After when refused).
/// </summary>
public static class VerifyApi
{
    public static IEndpointRouteBuilder MapVerifyApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/verify", async (HttpRequest request, DeploymentVerifier verifier, VerificationBudget budget, OpenLerMetrics metrics, CancellationToken ct) =>
        {
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync(ct);
            var outcome = await budget.RunAsync(text, token => verifier.VerifyAsync(text, token), ct);
            if (outcome.Result is { } result)
            {
                metrics.Verification(result, "verify-api", cached: false);
                return Results.Json(ToJson(result));
            }

            return outcome.ToProblem(request.HttpContext);
        }).DisableAntiforgery().RequireRateLimiting(RateLimitPolicies.Verify);
        return app;
    }

    public static JsonObject ToJson(VerificationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new JsonObject
        {
            ["verified"] = result.Verified,
            ["practice"] = result.IsPractice,
            ["issuer"] = result.Credential?.IssuerId,
            ["checks"] = new JsonArray([.. result.Checks.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["status"] = c.Status.ToString(),
                ["code"] = c.Code,
                ["message"] = c.Message,
                ["required"] = c.Required,
            })]),
        };
    }
}
