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

    /// <summary>The one script file a page may load (the share page's copy and print buttons, a progressive enhancement).</summary>
    public const string ShareScript = "/js/share.js";

    /// <summary>
    /// Lets the current page run <see cref="ShareScript"/> and nothing else: the policy's <c>script-src</c> names that one
    /// file by its full URL on this origin (CSP Level 3 §6.7.2.8: a source expression with a path matches that exact file),
    /// so inline script and every other script stay refused.
    /// </summary>
    public static void AllowShareScript(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var source = $"{context.Request.Scheme}://{context.Request.Host}{ShareScript}";
        context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy.Replace("script-src 'none'", "script-src " + source, StringComparison.Ordinal);
    }

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
