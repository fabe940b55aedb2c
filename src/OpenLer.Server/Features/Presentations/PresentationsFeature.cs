using OpenLer.Credentials.Protocols;
using OpenLer.Credentials.Protocols.Oid4Vp;
using OpenLer.Server.Features.Protection;

namespace OpenLer.Server.Features.Presentations;

/// <summary>
/// OpenID4VP 1.0: the organization's verifier (requests for employers, request objects, the response URI, results shown like
/// a share) and our web wallet answering requests.
/// </summary>
public static class PresentationsFeature
{
    public static IServiceCollection AddPresentations(this IServiceCollection services)
    {
        services.AddScoped<PresentationAddresses>();
        services.AddScoped<VerifierRequests>();
        services.AddProtectedColumn<PresentationRequest>(nameof(PresentationRequest.TokenCipher), r => VerifierRequests.Where(r, "Token"));
        services.AddProtectedColumn<PresentationRequest>(nameof(PresentationRequest.EncryptionKeyCipher), r => VerifierRequests.Where(r, "EncryptionKey"));
        services.AddProtectedColumn<PresentationRequest>(nameof(PresentationRequest.ResultCipher), r => VerifierRequests.Where(r, "Result"));
        services.AddScoped<WalletAnswers>();
        services.AddScoped<Infrastructure.Demo.IDemoSeeder, PresentationsDemo>();
        return services;
    }

    public static IEndpointRouteBuilder MapPresentations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(PresentationAddresses.Prefix + "{token}").DisableAntiforgery();

        // request_uri (RFC 9101 §5.2, OpenID4VP 1.0 §5.7): the signed request object, fetched by the wallet.
        group.MapGet("/request", async (string token, HttpContext http, VerifierRequests requests, CancellationToken ct) =>
        {
            var request = await requests.FindAsync(token, ct);
            var jwt = request is null ? null : await requests.RequestObjectAsync(request, ct);
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.AccessControlAllowOrigin = "*";
            return jwt is null ? Results.NotFound() : Results.Text(jwt, "application/" + AuthorizationRequest.RequestObjectType);
        });

        // response_uri (OpenID4VP 1.0 §8.2): direct_post and direct_post.jwt.
        group.MapPost("/response", async (string token, HttpContext http, VerifierRequests requests, Infrastructure.Security.VerificationBudget budget, CancellationToken ct) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.AccessControlAllowOrigin = "*";
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync(ct);
            // The verification budget's size and node limits apply to the presentations before anything is parsed.
            if (budget.Precheck(body) is { } tooLarge)
            {
                return Results.Content(OAuthErrorResponse.ToJson(new(OAuthErrorCodes.InvalidRequest, tooLarge.Message)).ToJsonString(), "application/json",
                    System.Text.Encoding.UTF8, StatusCodes.Status413PayloadTooLarge);
            }

            var form = FormParameters.Parse(body, AuthorizationResponse.MaxValueLength);
            var (status, json) = form.IsSuccess
                ? await requests.ReceiveAsync(token, form.Value, ct)
                : (StatusCodes.Status400BadRequest, OAuthErrorResponse.ToJson(form.Error));
            return Results.Content(json.ToJsonString(), "application/json", System.Text.Encoding.UTF8, status);
        });
        return app;
    }
}
