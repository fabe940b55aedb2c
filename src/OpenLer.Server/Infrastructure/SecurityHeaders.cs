namespace OpenLer.Server.Infrastructure;

/// <summary>
/// Security headers on every response: a CSP without inline script or style, nosniff, no framing, no referrer, no
/// device features. (Caching and robots headers depend on the page: Security/ResponsePolicies; the request size limit:
/// Security/RequestSizeLimit.)
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; connect-src 'self'";

    public static IApplicationBuilder UseOpenLerSecurity(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            await next(context);
        });
}
