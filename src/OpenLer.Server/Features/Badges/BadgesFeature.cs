using Microsoft.Net.Http.Headers;
using OpenLer.Server.Infrastructure.Security;

namespace OpenLer.Server.Features.Badges;

/// <summary>
/// Program badge images (issue 11, "Look"): stored per program (an uploaded PNG or a colour for a generated SVG), published
/// at a stable public address, shown in the wallet and on share pages, and baked with a credential for download.
/// </summary>
public static class BadgesFeature
{
    /// <summary>The policy of a served badge: nothing loads or runs, an SVG may only use its own inline styling.</summary>
    public const string ImagePolicy = "default-src 'none'; style-src 'unsafe-inline'";

    public static IServiceCollection AddBadges(this IServiceCollection services)
    {
        services.AddScoped<BadgeImages>();
        return services;
    }

    /// <summary>GET /orgs/{slug}/programs/{programId}/badge: public, cacheable, revalidated by ETag; 404 for any other program.</summary>
    public static IEndpointRouteBuilder MapBadges(this IEndpointRouteBuilder app)
    {
        app.MapGet("/orgs/{slug}/programs/{programId:guid}/badge", async (string slug, Guid programId, HttpContext http, BadgeImages badges, CancellationToken ct) =>
        {
            var badge = await badges.PublishedAsync(slug, programId, ct);
            if (badge is null)
            {
                return Results.NotFound();
            }

            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = ImagePolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.CacheControl = "public, max-age=300, must-revalidate";
            headers.ETag = badge.ETag;
            if (http.Request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } match
                && match.Any(m => m.Equals(EntityTagHeaderValue.Any) || m.Tag.Equals(badge.ETag)))
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }

            return Results.Bytes(badge.Bytes, badge.MediaType);
        }).AllowCaching();
        return app;
    }
}
