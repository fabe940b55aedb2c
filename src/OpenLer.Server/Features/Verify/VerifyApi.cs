using System.Text.Json.Nodes;
using OpenLer.Credentials.Verification;

namespace OpenLer.Server.Features.Verify;

/// <summary><c>POST /api/verify</c>: the body is a credential (JSON-LD, VC-JWT); the answer lists every check.</summary>
public static class VerifyApi
{
    public static IEndpointRouteBuilder MapVerifyApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/verify", async (HttpRequest request, DeploymentVerifier verifier, CancellationToken ct) =>
        {
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync(ct);
            var result = await verifier.VerifyAsync(text, ct);
            return Results.Json(ToJson(result));
        }).DisableAntiforgery();
        return app;
    }

    public static JsonObject ToJson(VerificationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new JsonObject
        {
            ["verified"] = result.Verified,
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
