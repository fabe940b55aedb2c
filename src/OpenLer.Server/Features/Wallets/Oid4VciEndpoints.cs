using OpenLer.Credentials.Protocols.Oid4Vci;
using OpenLer.Credentials.Protocols.VcApi;

namespace OpenLer.Server.Features.Wallets;

/// <summary>
/// The machine endpoints of offers: each organization's OpenID4VCI issuer (metadata at the 1.0 and draft 13 well-known
/// locations, OAuth authorization server metadata, token, nonce, credential) and each offer's credential offer and VC-API
/// exchange. Wallets in browsers call these across origins, so they answer CORS requests (no cookies are involved).
/// </summary>
public static class Oid4VciEndpoints
{
    /// <summary>Largest body read by the token, credential and exchange endpoints.</summary>
    public const int MaxBody = 256 * 1024;

    public static IEndpointRouteBuilder MapWalletEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.AccessControlAllowOrigin = "*";
            return await next(context);
        }).DisableAntiforgery();

        // OpenID4VCI 1.0 §12.2.2 (well-known inserted before the path) and draft 13 §11.2.2 (appended).
        group.MapGet(IssuerIdentifier.WellKnownSegment + "/orgs/{slug}", async (string slug, IssuerMetadataBuilder builder, HttpContext http, CancellationToken ct) =>
            await builder.ForAsync(slug, ct) is { } found ? Json(http, found.Metadata.ToJson()) : Results.NotFound());
        group.MapGet("/orgs/{slug}" + IssuerIdentifier.WellKnownSegment, async (string slug, IssuerMetadataBuilder builder, HttpContext http, CancellationToken ct) =>
            await builder.ForAsync(slug, ct) is { } found ? Json(http, IssuerMetadataBuilder.LegacyJson(found.Metadata)) : Results.NotFound());

        // RFC 8414 §3.1 (inserted), and the appended forms draft-era clients try.
        foreach (var pattern in new[] { "/.well-known/oauth-authorization-server/orgs/{slug}", "/orgs/{slug}/.well-known/oauth-authorization-server", "/orgs/{slug}/.well-known/openid-configuration" })
        {
            group.MapGet(pattern, async (string slug, IssuerMetadataBuilder builder, WalletAddresses addresses, HttpContext http, CancellationToken ct) =>
                await builder.ForAsync(slug, ct) is { } found
                    ? Json(http, AuthorizationServerMetadata.Build(found.Metadata.CredentialIssuer, addresses.TokenEndpoint(slug)))
                    : Results.NotFound());
        }

        group.MapPost("/orgs/{slug}/token", async (string slug, HttpContext http, IssuerMetadataBuilder builder, Oid4VciIssuer issuer, CancellationToken ct) =>
        {
            if (await builder.ForAsync(slug, ct) is not { } found)
            {
                return Results.NotFound();
            }

            if (http.Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) != true)
            {
                return ProtocolResult.Error(new(Credentials.Protocols.OAuthErrorCodes.InvalidRequest, "The token request is a form (application/x-www-form-urlencoded).")).ToResult(http);
            }

            return (await issuer.TokenAsync(found.Org, await ReadAsync(http, ct), ct)).ToResult(http);
        });
        group.MapPost("/orgs/{slug}/nonce", async (string slug, HttpContext http, IssuerMetadataBuilder builder, Oid4VciIssuer issuer, CancellationToken ct) =>
            await builder.ForAsync(slug, ct) is null ? Results.NotFound() : (await issuer.NonceAsync(ct)).ToResult(http));
        group.MapPost("/orgs/{slug}/credential", async (string slug, HttpContext http, IssuerMetadataBuilder builder, Oid4VciIssuer issuer, CancellationToken ct) =>
        {
            if (await builder.ForAsync(slug, ct) is not { } found)
            {
                return Results.NotFound();
            }

            return (await issuer.CredentialAsync(found.Org, found.Metadata, http.Request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null,
                await ReadAsync(http, ct), ct)).ToResult(http);
        });
        group.MapMethods("/orgs/{slug}/{endpoint:regex(^(token|nonce|credential)$)}", [HttpMethods.Options], (HttpContext http) =>
        {
            http.Response.Headers.AccessControlAllowMethods = "POST, OPTIONS";
            http.Response.Headers.AccessControlAllowHeaders = "Authorization, Content-Type, DPoP";
            http.Response.Headers.AccessControlMaxAge = "600";
            return Results.NoContent();
        });

        // The offer by reference (1.0 §4.1.3) and the VC-API exchange of an offer.
        group.MapGet(WalletAddresses.OfferPathPrefix + "{token}/offer", async (string token, HttpContext http, OfferService offers, OfferJson offerJson, CancellationToken ct) =>
        {
            var offer = await offers.FindByTokenAsync(token, ct);
            return offer is null || offers.StateOf(offer) != OfferState.Open
                ? new ProtocolResult(StatusCodes.Status404NotFound, new() { ["error"] = "not_found", ["error_description"] = "This offer was already used, cancelled or has expired." }).ToResult(http)
                : Json(http, (await offerJson.BuildAsync(offer, token, ct)).ToJson());
        });
        group.MapPost(WalletAddresses.OfferPathPrefix + "{token}/exchange", async (string token, HttpContext http, VcApiExchange exchange, CancellationToken ct) =>
            (await exchange.StepAsync(token, await ReadAsync(http, ct), ct)).ToResult(http));
        return app;
    }

    private static IResult Json(HttpContext http, System.Text.Json.Nodes.JsonObject json) => ProtocolResult.Ok(json).ToResult(http);

    private static async Task<string> ReadAsync(HttpContext http, CancellationToken ct)
    {
        var buffer = new char[8192];
        var text = new System.Text.StringBuilder();
        using var reader = new StreamReader(http.Request.Body, System.Text.Encoding.UTF8);
        int read;
        while ((read = await reader.ReadAsync(buffer, ct)) > 0)
        {
            text.Append(buffer, 0, read);
            if (text.Length > MaxBody)
            {
                throw new BadHttpRequestException("The request body is too large.", StatusCodes.Status413PayloadTooLarge);
            }
        }

        return text.ToString();
    }

    /// <summary>The interaction URL's JSON answer (VCALM): vcapi and the OpenID4VCI offer (by reference).</summary>
    public static System.Text.Json.Nodes.JsonObject Protocols(WalletAddresses addresses, string token)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        return InteractionProtocols.Build(addresses.ExchangeUrl(token), addresses.OfferUri(token));
    }
}
