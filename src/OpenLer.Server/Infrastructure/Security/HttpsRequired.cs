using System.Text;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Localization;

namespace OpenLer.Server.Infrastructure.Security;

/// <summary>
/// Outside Development and tests, every request must be HTTPS: directly, or through a known proxy that says so with
/// <c>X-Forwarded-Proto: https</c> (<see cref="ForwardedHeadersSettings"/>). A plain-http request gets a clear,
/// translated 400 page instead of failing deeper down (Secure-only cookies and antiforgery tokens cannot work over
/// http: that was the 500 of issue 9 finding 9). <c>/healthz</c>, <c>/health/live</c> and <c>/health/ready</c> stay open for load balancers that probe over http.
/// </summary>
public static class HttpsRequired
{
    public static IApplicationBuilder UseHttpsRequired(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.IsHttps || context.Request.Path.StartsWithSegments("/healthz") || context.Request.Path.StartsWithSegments("/health"))
            {
                await next(context);
                return;
            }

            StatusReason.Set(context, StatusReason.HttpsRequired);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(Page(context), context.RequestAborted);
        });

    /// <summary>
    /// A page of its own, not the layout: the layout's forms carry antiforgery tokens, which refuse to be made over http.
    /// </summary>
    private static string Page(HttpContext context)
    {
        var T = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var encoder = context.RequestServices.GetRequiredService<HtmlEncoder>();
        var language = Languages.Current;
        var title = encoder.Encode(T["This site works only over HTTPS"]);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(encoder.Encode(language.Code)).Append("\" dir=\"").Append(language.Direction).Append("\">\n<head>\n")
            .Append("<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(title).Append(" · OpenLER</title>\n")
            .Append("<link rel=\"stylesheet\" href=\"/css/site.css\">\n</head>\n<body>\n<main id=\"main\">\n")
            .Append("<h1>").Append(title).Append("</h1>\n")
            .Append("<p>").Append(encoder.Encode(T["Open the address that starts with https://."])).Append("</p>\n")
            .Append("<p class=\"detail\">").Append(encoder.Encode(T["If you run this server: it must be reached over HTTPS, or through a proxy listed in OpenLer:ForwardedHeaders that sends X-Forwarded-Proto: https (see docs/deploy.md)."]))
            .Append("</p>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }
}
