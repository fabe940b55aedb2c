namespace OpenLer.Server.Infrastructure.Security;

/// <summary>
/// Endpoint metadata for response headers that depend on the page: by default every dynamic response (pages, APIs,
/// downloads, errors) is <c>Cache-Control: no-store</c> (ASVS 14.2.2, 14.3.2: wallet, staff and share pages and
/// downloads hold personal data); an endpoint marked <see cref="AllowCachingAttribute"/> keeps its own caching.
/// <see cref="NoIndexAttribute"/> adds <c>X-Robots-Tag: noindex, nofollow</c> (share pages, SECURITY.md WA-08).
/// </summary>
public static class ResponsePolicies
{
    /// <summary>Applies the policies above; runs after routing (to see the endpoint) and after static files (which it leaves alone).</summary>
    public static IApplicationBuilder UseResponsePolicies(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var endpoint = context.GetEndpoint();
                var headers = context.Response.Headers;
                if (endpoint?.Metadata.GetMetadata<AllowCachingAttribute>() is null)
                {
                    headers.CacheControl = "no-store";
                    headers.Pragma = "no-cache";
                }

                if (endpoint?.Metadata.GetMetadata<NoIndexAttribute>() is not null)
                {
                    headers["X-Robots-Tag"] = "noindex, nofollow";
                }

                return Task.CompletedTask;
            });
            await next(context);
        });

    /// <summary>Marks a minimal-API endpoint as public and cacheable (signed status lists, did:web documents).</summary>
    public static TBuilder AllowCaching<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new AllowCachingAttribute());
}
